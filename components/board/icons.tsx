import * as Icons from '@/components/ui/icons';
import type { IconProps } from '@/components/ui/icons';

// The board's icons: the app's set (components/ui/icons.tsx), a size smaller by default to fit cards.

function small(Icon: (p: IconProps) => React.JSX.Element) {
  return function SmallIcon({ className = 'h-3.5 w-3.5' }: IconProps) {
    return <Icon className={className} />;
  };
}

export const CalendarIcon = small(Icons.CalendarIcon);
export const ClockIcon = small(Icons.ClockIcon);
export const TaskIcon = small(Icons.TaskIcon);
export const WarningIcon = small(Icons.WarningIcon);
export const LockIcon = small(Icons.LockIcon);
export const MoreIcon = small(Icons.MoreIcon);
export const PlusIcon = small(Icons.PlusIcon);
export const CollapseIcon = small(Icons.CollapseIcon);
export const ExpandIcon = small(Icons.ExpandIcon);
export const TrophyIcon = small(Icons.TrophyIcon);
export const XCircleIcon = small(Icons.XCircleIcon);
export const SearchIcon = small(Icons.SearchIcon);
export const FilterIcon = small(Icons.FilterIcon);
