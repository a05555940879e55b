// pg's own value conversion for Bind (Dates, Buffers, arrays, objects as JSON), which pg's Query
// uses; lib/database/hot-query.ts binds its statements with it so values go out exactly as pg sends them.
declare module 'pg/lib/utils' {
  export function prepareValue(value: unknown): unknown;
}
