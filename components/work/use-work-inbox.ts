'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
import { loadWorkAction, updateWorkActivityAction, updateWorkTaskAction } from '@/lib/actions/work';
import { workKeys } from '@/lib/query-keys';
import type { WorkItem } from '@/lib/work/work-item';

// The inbox's data and writes, through TanStack Query: a write changes the cached list at once
// (optimistic), puts it back with a message when the server refuses, and reloads it either way.

export interface WorkList {
  items: WorkItem[];
  truncated: boolean;
}

export interface WorkWrite {
  item: WorkItem;
  /** the API body (lib/schemas/task.ts or activity.ts update shape) */
  changes: Record<string, unknown>;
  /** the line as it will be, or null when the write takes it out of this inbox */
  optimistic: WorkItem | null;
  /** what the toast says when it worked */
  success: string;
}

export function useWorkInbox(scope: string, initial: WorkList) {
  const queryClient = useQueryClient();
  const key = workKeys.inbox(scope);
  const query = useQuery({
    queryKey: key,
    queryFn: async (): Promise<WorkList> => {
      const result = await loadWorkAction(scope);
      if (!result.ok) throw new Error(result.message);
      return result.data;
    },
    initialData: initial,
  });
  const mutation = useMutation({
    mutationFn: async (write: WorkWrite) => {
      const result =
        write.item.kind === 'task' ? await updateWorkTaskAction(write.item.id, write.changes) : await updateWorkActivityAction(write.item.id, write.changes);
      if (!result.ok) throw new Error(result.message);
    },
    onMutate: async (write) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<WorkList>(key);
      queryClient.setQueryData<WorkList>(key, (old) =>
        old
          ? {
              ...old,
              items: write.optimistic
                ? old.items.map((i) => (i.kind === write.item.kind && i.id === write.item.id ? write.optimistic! : i))
                : old.items.filter((i) => !(i.kind === write.item.kind && i.id === write.item.id)),
            }
          : old,
      );
      return { previous };
    },
    onError: (error, _write, context) => {
      if (context?.previous) queryClient.setQueryData(key, context.previous);
      toast.error(error instanceof Error && error.message ? error.message : 'Could not save the change; please try again.');
    },
    onSuccess: (_data, write) => {
      toast.success(write.success);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: workKeys.all }),
  });
  return { data: query.data, write: mutation.mutate };
}
