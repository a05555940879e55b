import { percent } from '@/lib/reports/rates';
import type { FunnelReport } from '@/lib/services/reports/get-funnel-report';
import { FunnelChart } from './charts/funnel-chart';
import { formatPercent } from './format';
import { Note, Section, Stat, StatGrid, Table, Td, Th } from './report-parts';

export function FunnelView({ report }: { report: FunnelReport }) {
  const stageName = new Map(report.scope.stages.map((s) => [s.id, s.deleted ? `${s.name} (deleted)` : s.name]));
  const ordinary = report.stages.filter((s) => s.outcome === null);
  const targets = report.stages.filter((s) => s.outcome !== 'lost' && report.steps.some((step) => step.reached.some((r) => r.stageId === s.id)));
  const step = new Map(report.steps.map((s) => [s.stageId, s]));
  const o = report.overall;
  return (
    <div className="space-y-4">
      <StatGrid>
        <Stat label="Entered" value={o.entered} detail="deals created in the pipeline or moved in" tone="indigo" />
        <Stat label="Won since" value={o.won} tone="green" />
        <Stat label="Win rate" value={formatPercent(percent(o.won, o.entered))} detail="won ÷ entered" tone="green" />
        <Stat label="Lost since" value={o.lost} tone="red" />
        <Stat label="Loss rate" value={formatPercent(percent(o.lost, o.entered))} tone="red" />
        <Stat label="Neither yet" value={Math.max(0, o.entered - o.won - o.lost)} detail="open, or moved elsewhere" />
      </StatGrid>

      <Section
        title="Stage to stage"
        description="Of the deals that entered each stage in the period, how many reached the next stage (or any later one) afterwards — up to today."
      >
        {report.steps.length === 0 ? (
          <p className="text-sm text-slate-500">No deal entered a stage of this pipeline in the period.</p>
        ) : (
          <FunnelChart
            rows={ordinary
              .filter((s) => step.has(s.id))
              .map((s) => {
                const st = step.get(s.id)!;
                return { stage: stageName.get(s.id)!, entered: st.entered, reachedNext: st.reachedNext, conversion: percent(st.reachedNext, st.entered) };
              })}
          />
        )}
      </Section>

      <Section
        title="Conversion by stage"
        description="Each row follows the deals that entered the stage in the period. “Reached” columns are cumulative: a deal that skipped ahead counts as having reached the stages it skipped."
      >
        <Table
          label="Conversion by stage"
          headers={['Stage', 'Entered', ...targets.map((t) => `→ ${stageName.get(t.id)}`), 'Next stage', 'Won', 'Win rate', 'Lost']}
        >
          {ordinary
            .filter((s) => step.has(s.id))
            .map((s) => {
              const st = step.get(s.id)!;
              return (
                <tr key={s.id}>
                  <Th>{stageName.get(s.id)}</Th>
                  <Td>{st.entered}</Td>
                  {targets.map((t) => {
                    const reached = st.reached.find((r) => r.stageId === t.id);
                    return (
                      <Td key={t.id} className={reached ? '' : 'text-slate-300'}>
                        {reached ? (
                          <>
                            {reached.count} <span className="text-xs text-slate-500">({formatPercent(percent(reached.count, st.entered))})</span>
                          </>
                        ) : (
                          '–'
                        )}
                      </Td>
                    );
                  })}
                  <Td className="font-semibold">{formatPercent(percent(st.reachedNext, st.entered))}</Td>
                  <Td>{st.won}</Td>
                  <Td className="font-semibold text-emerald-700">{formatPercent(percent(st.won, st.entered))}</Td>
                  <Td>{st.lost}</Td>
                </tr>
              );
            })}
        </Table>
      </Section>

      <Section
        title="By owner"
        description="The deals’ current owners (ownership is not historised). Per stage: the share of entered deals that reached the next stage."
      >
        {report.owners.length === 0 ? (
          <p className="text-sm text-slate-500">No deals in this period.</p>
        ) : (
          <Table
            label="Conversion by owner"
            headers={['Owner', 'Entered pipeline', 'Won', 'Win rate', ...ordinary.filter((s) => step.has(s.id)).map((s) => `${stageName.get(s.id)} → next`)]}
          >
            {report.owners.map((owner) => (
              <tr key={owner.owner?.id ?? 'none'}>
                <Th>{owner.owner?.name ?? 'No owner'}</Th>
                <Td>{owner.overall.entered}</Td>
                <Td>{owner.overall.won}</Td>
                <Td className="font-semibold text-emerald-700">{formatPercent(percent(owner.overall.won, owner.overall.entered))}</Td>
                {ordinary
                  .filter((s) => step.has(s.id))
                  .map((s) => {
                    const st = owner.steps.find((x) => x.stageId === s.id);
                    return (
                      <Td key={s.id}>
                        {st ? (
                          <>
                            {formatPercent(percent(st.reachedNext, st.entered))} <span className="text-xs text-slate-500">of {st.entered}</span>
                          </>
                        ) : (
                          <span className="text-slate-300">–</span>
                        )}
                      </Td>
                    );
                  })}
              </tr>
            ))}
          </Table>
        )}
        <div className="mt-3">
          <Note>
            Deals are followed after the period until today, so a recent period’s rates still grow. Deleted deals keep counting: a past period does not change.
          </Note>
        </div>
      </Section>
    </div>
  );
}
