// GET /api/ping – answers without touching anything: the baseline the API benchmark compares against
export function GET(): Response {
  return Response.json({ ok: true });
}
