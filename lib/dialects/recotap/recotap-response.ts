import 'server-only';

/** Recotap's success envelope around the documented result. */
export function recotapResponse(data: unknown, status = 200): Response {
  return Response.json({ statusCode: status, message: 'Success', data }, { status });
}
