// The reports of /reports: their URL slugs, titles and what each answers (pure: pages, tabs and
// CSV downloads share it).

export const REPORTS = [
  {
    slug: 'movement',
    title: 'Movement',
    summary: 'How many deals moved from each stage to each other stage — forward, back, won, lost — and how many new deals came in.',
  },
  {
    slug: 'funnel',
    title: 'Funnel',
    summary: 'Of the deals that entered each stage in the period, how many later reached the next stage and how many were won; per owner.',
  },
  {
    slug: 'time-in-stage',
    title: 'Time in stage',
    summary: 'Median, 75th percentile and mean time deals spend in each stage, and the deals sitting in one for too long now.',
  },
  {
    slug: 'snapshot',
    title: 'Pipeline as of a date',
    summary: 'The board as it stood at any past moment, with each deal’s value then, and what changed between two dates.',
  },
  {
    slug: 'forecast',
    title: 'Forecast',
    summary: 'Open pipeline by expected close month, raw and probability-weighted, against the value won in the same months.',
  },
  {
    slug: 'lost-deals',
    title: 'Lost deals',
    summary: 'Deals lost in the period by reason, by the stage they were lost from, by owner and month by month — with the deals behind each figure.',
  },
] as const;

export type ReportSlug = (typeof REPORTS)[number]['slug'];

export function findReport(slug: string) {
  return REPORTS.find((r) => r.slug === slug) ?? null;
}
