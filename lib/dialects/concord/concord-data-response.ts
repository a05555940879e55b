import 'server-only';

/** `{"data": …}` */
export function concordData(data: unknown, status = 200): Response {
  return Response.json({ data }, { status });
}
