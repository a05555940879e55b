// The Setting row that marks a workspace holding the demo data: the sign-in page then shows the demo
// accounts. The demo seed writes it; the sign-in page's state reads it.

export const DEMO_WORKSPACE_SETTING = 'workspace.demo';
