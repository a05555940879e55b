import type { ChangeSource, UserRole } from '../generated/prisma/client';

/** Who is acting, and through which door: every service takes it and checks permissions itself. */
export interface ServiceContext {
  user: { id: number; name: string; email: string; role: UserRole };
  /** recorded on stage history rows: the board is "ui", REST is "api", sync/upserts are "import" */
  source: ChangeSource;
}
