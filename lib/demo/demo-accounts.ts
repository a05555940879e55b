// The demo workspace's sign-in facts, shown by its sign-in page and the README.

/** Every demo user signs in with this password. */
export const DEMO_PASSWORD = 'dealboard-demo';
export const DEMO_ACCOUNTS = ['manager@dealboard.test', 'rep@dealboard.test', 'admin@dealboard.test'] as const;
