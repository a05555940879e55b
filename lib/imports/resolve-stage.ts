// Which stage a row's Pipeline and Stage name (docs/decisions/023-csv-import.md): the pipeline by
// name (case-insensitive), else the default one; the stage by name within it (case-insensitive),
// else HubSpot's internal stage ids of its default pipeline: closedwon / closedlost are the
// pipeline's won / lost stage, the others the open stage at the same place in the pipeline's
// order. Anything else is refused with the names that would work. Pure.

export interface StageOption {
  id: number;
  pipelineId: number;
  name: string;
  position: number;
  probability: number;
  outcome: 'won' | 'lost' | null;
}

export interface PipelineOption {
  id: number;
  name: string;
  isDefault: boolean;
  position: number;
  stages: StageOption[];
}

const HUBSPOT_OPEN_STAGES = ['appointmentscheduled', 'qualifiedtobuy', 'presentationscheduled', 'decisionmakerboughtin', 'contractsent'];

export type StageChoice = { ok: true; stage: StageOption } | { ok: false; message: string };

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

export function defaultPipeline(pipelines: readonly PipelineOption[]): PipelineOption | null {
  return pipelines.find((p) => p.isDefault) ?? [...pipelines].sort((a, b) => a.position - b.position || a.id - b.id)[0] ?? null;
}

function firstWithOutcome(stages: readonly StageOption[], outcome: 'won' | 'lost' | null): StageOption | null {
  return [...stages].sort((a, b) => a.position - b.position || a.id - b.id).find((s) => s.outcome === outcome) ?? null;
}

/** The stage for a row; `status` picks the won/lost stage when no stage is named. */
export function resolveStage(
  pipelines: readonly PipelineOption[],
  pipelineName: string | null,
  stageName: string | null,
  status: 'won' | 'lost' | 'open' | null,
): StageChoice {
  const pipeline = pipelineName ? pipelines.find((p) => same(p.name, pipelineName) || p.id.toString() === pipelineName.trim()) : defaultPipeline(pipelines);
  if (!pipeline) {
    return pipelineName
      ? { ok: false, message: `Pipeline "${pipelineName}" does not exist (pipelines: ${pipelines.map((p) => p.name).join(', ')})` }
      : { ok: false, message: 'There is no pipeline to import deals into' };
  }
  const ordered = [...pipeline.stages].sort((a, b) => a.position - b.position || a.id - b.id);
  if (!stageName) {
    const stage =
      status === 'won' || status === 'lost' ? (firstWithOutcome(ordered, status) ?? firstWithOutcome(ordered, null)) : firstWithOutcome(ordered, null);
    return stage ? { ok: true, stage } : { ok: false, message: `Pipeline "${pipeline.name}" has no stages` };
  }
  const named = ordered.find((s) => same(s.name, stageName));
  if (named) return { ok: true, stage: named };
  const id = stageName.trim().toLowerCase();
  if (id === 'closedwon' || id === 'closedlost') {
    const stage = firstWithOutcome(ordered, id === 'closedwon' ? 'won' : 'lost');
    if (stage) return { ok: true, stage };
  }
  const hubspotIndex = HUBSPOT_OPEN_STAGES.indexOf(id);
  if (hubspotIndex >= 0) {
    const open = ordered.filter((s) => s.outcome === null);
    if (open.length > 0) {
      const index = Math.round((hubspotIndex * (open.length - 1)) / (HUBSPOT_OPEN_STAGES.length - 1));
      return { ok: true, stage: open[index]! };
    }
  }
  return { ok: false, message: `Stage "${stageName}" does not exist in pipeline "${pipeline.name}" (stages: ${ordered.map((s) => s.name).join(', ')})` };
}
