// The demo workspace's sign-in facts, shown by its sign-in page and the README.

/** Every demo user signs in with this password. */
export const DEMO_PASSWORD = 'dealboard-demo';
/** Set on a workspace holding the demo data: the sign-in page then shows the demo accounts. */
export const DEMO_WORKSPACE_SETTING = 'workspace.demo';
export const DEMO_ACCOUNTS = ['manager@dealboard.test', 'rep@dealboard.test', 'admin@dealboard.test'] as const;
