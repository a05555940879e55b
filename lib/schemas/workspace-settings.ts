import { z } from 'zod';
import { knownCurrencySchema } from './exchange-rate';

// The workspace settings of the API: the home currency (docs/decisions/022-home-currency.md).

export const workspaceSettingsSchema = z
  .object({
    home_currency: z.string().meta({ description: 'The currency of converted figures and of new deals', example: 'USD' }),
  })
  .meta({ id: 'WorkspaceSettings' });

export const updateWorkspaceSettingsBody = z
  .strictObject({
    home_currency: knownCurrencySchema.meta({ description: 'Figures convert with the rates entered for this currency' }),
  })
  .meta({ id: 'UpdateWorkspaceSettingsBody' });
