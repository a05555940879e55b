// One line of the "My work" inbox: an open task or a planned activity, with the deal and company
// it is about. Plain JSON (public IDs, ISO times), as the server hands it to the browser.

export type WorkItemKind = 'task' | 'activity';

export interface WorkItem {
  kind: WorkItemKind;
  /** the task's or activity's public ID */
  id: string;
  /** the task's title or the activity's subject */
  title: string;
  /** a task's due time, or when a planned activity is planned */
  dueAt: string | null;
  priority: 'low' | 'medium' | 'high' | null;
  activityType: 'call' | 'meeting' | 'email' | 'note' | null;
  assignee: { id: string; name: string } | null;
  deal: { id: string; name: string } | null;
  company: { id: string; name: string } | null;
}

/** Whose work the inbox shows: the viewer's, one person's (a user ID), or everyone's. */
export type WorkScope = 'me' | 'team' | string;

/** Open work soonest first, undated last, then by title. */
export function sortWorkItems(items: WorkItem[]): WorkItem[] {
  const due = (item: WorkItem) => (item.dueAt ? Date.parse(item.dueAt) : Number.POSITIVE_INFINITY);
  return [...items].sort((a, b) => due(a) - due(b) || a.title.localeCompare(b.title) || a.id.localeCompare(b.id));
}
