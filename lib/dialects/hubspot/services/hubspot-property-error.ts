import { AppError } from '../../../errors';

/** Legacy HubSpot's validation error names. */
export type HubSpotValidationErrorKind = 'PROPERTY_DOESNT_EXIST' | 'INVALID_OPTION' | 'INVALID_PROPERTY_VALUE' | 'REQUIRED';

export interface HubSpotPropertyProblem {
  /** the property name as the client sent it */
  name: string;
  error: HubSpotValidationErrorKind;
  message: string;
}

/**
 * A 400 naming each bad property, which the HubSpot dialect answers as legacy HubSpot did:
 * {"status":"error","message",…,"validationResults":[{"isValid":false,"message","error","name"}]}.
 */
export class HubSpotPropertyError extends AppError {
  constructor(
    readonly problems: HubSpotPropertyProblem[],
    message: string = problems.length === 1 ? problems[0]!.message : 'Property values were not valid',
  ) {
    super(
      'validation_failed',
      message,
      problems.map((p) => ({ path: p.name, message: p.message })),
    );
  }
}

// native field paths of createDeal/updateDeal errors → the property a HubSpot client sent
const NATIVE_TO_PROPERTY: Record<string, string> = {
  name: 'dealname',
  stage_id: 'dealstage',
  pipeline_id: 'pipeline',
  value: 'amount',
  currency: 'amount',
  expected_close: 'closedate',
  owner_id: 'hubspot_owner_id',
  deal_type: 'dealtype',
};

/**
 * Runs a native deal service and names the properties in its 400/422 errors the way the client
 * knows them (custom_fields.budget → budget, stage_id → dealstage).
 */
export async function withPropertyNames<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof AppError) || (error.code !== 'validation_failed' && error.code !== 'unprocessable')) throw error;
    if (error instanceof HubSpotPropertyError) throw error;
    const problems: HubSpotPropertyProblem[] = error.details.map((detail) => ({
      name: detail.path.startsWith('custom_fields.') ? detail.path.slice('custom_fields.'.length) : (NATIVE_TO_PROPERTY[detail.path] ?? detail.path),
      error: 'INVALID_PROPERTY_VALUE',
      message: detail.message,
    }));
    throw problems.length > 0 ? new HubSpotPropertyError(problems, error.message) : new HubSpotPropertyError([], error.message);
  }
}
