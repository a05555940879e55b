import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { lineItemsSchema, replaceLineItemsBody } from '../../schemas/line-item';
import { dataEnvelope, errorResponses, idPathParam } from '../common';

const dealPath = idPathParam('deal_k5R8sPqW2z');

const lineItemsResponse = {
  content: { 'application/json': { schema: dataEnvelope(lineItemsSchema) } },
};

export const lineItemsPaths: ZodOpenApiPathsObject = {
  '/deals/{id}/line-items': {
    get: {
      operationId: 'getDealLineItems',
      tags: ['Line items'],
      summary: "A deal's line items and totals",
      requestParams: { path: dealPath },
      responses: {
        '200': { description: 'The line items in list order, each with its rounded amounts, and their sums', ...lineItemsResponse },
        ...errorResponses(404),
      },
    },
    put: {
      operationId: 'replaceDealLineItems',
      tags: ['Line items'],
      summary: "Replace a deal's line items",
      description: [
        'Replaces the whole list in one transaction: items with an `id` update that line, items without one are added, and the',
        "deal's lines not in the list are deleted. Position is the index in the list. With `product_id`, the product's name,",
        'unit_price, tax_rate, tax_label and unit fill the fields that are not sent.',
        '',
        'Per line: subtotal = unit_price × qty; discount = percent of subtotal or the fixed amount; taxable = subtotal − discount;',
        'exclusive: tax = taxable × rate, total = taxable + tax; inclusive: tax = taxable − taxable / (1 + rate), total = taxable;',
        "no_tax: tax 0, total = taxable. Each amount rounds half-up to the minor unit; the deal's totals are sums of the lines.",
        '',
        "Sets the deal's tax_type, its value to the total (an empty list leaves the value as it is), and bumps its version.",
      ].join('\n'),
      requestParams: { path: dealPath },
      requestBody: { required: true, content: { 'application/json': { schema: replaceLineItemsBody } } },
      responses: {
        '200': { description: 'The saved line items and their totals', ...lineItemsResponse },
        ...errorResponses(400, 404, 413, 422),
      },
    },
  },
};
