import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { companySchema, createCompanyBody, listCompaniesQuery, updateCompanyBody } from '../../schemas/company';
import { contactSchema, createContactBody, listContactsQuery, listLinksQuery, updateContactBody } from '../../schemas/contact';
import { mergeCompanyBody, mergeContactBody } from '../../schemas/merge';
import { dataEnvelope, errorResponses, idPathParam, listEnvelope } from '../common';

// Contacts, companies, and the contacts and companies linked to a deal.

const json = <S extends z.ZodType>(schema: S) => ({ content: { 'application/json': { schema } } });

const contactPath = idPathParam('cont_k5R8sPqW2z');
const companyPath = idPathParam('comp_k5R8sPqW2z');
const dealPath = idPathParam('deal_k5R8sPqW2z');
const dealContactPath = z.object({ id: z.string().meta({ example: 'deal_k5R8sPqW2z' }), contactId: z.string().meta({ example: 'cont_k5R8sPqW2z' }) });
const dealCompanyPath = z.object({ id: z.string().meta({ example: 'deal_k5R8sPqW2z' }), companyId: z.string().meta({ example: 'comp_k5R8sPqW2z' }) });

const contactAnswer = (description: string) => ({ description, ...json(dataEnvelope(contactSchema)) });
const companyAnswer = (description: string) => ({ description, ...json(dataEnvelope(companySchema)) });

export const contactsPaths: ZodOpenApiPathsObject = {
  '/contacts': {
    get: {
      tags: ['Contacts'],
      operationId: 'listContacts',
      summary: 'List contacts',
      description: 'Contacts oldest first by (created_at, id), with cursor pagination. Deleted contacts are never listed.',
      requestParams: { query: listContactsQuery },
      responses: { '200': { description: 'A page of contacts', ...json(listEnvelope(contactSchema)) }, ...errorResponses(400) },
    },
    post: {
      tags: ['Contacts'],
      operationId: 'createContact',
      summary: 'Create a contact',
      description: 'Send an Idempotency-Key header to make retries safe.',
      requestBody: json(createContactBody),
      responses: { '201': contactAnswer('The new contact'), ...errorResponses(400, 409, 413, 422) },
    },
  },
  '/contacts/{id}': {
    get: {
      tags: ['Contacts'],
      operationId: 'getContact',
      summary: 'Get a contact',
      requestParams: { path: contactPath },
      responses: { '200': contactAnswer('The contact'), ...errorResponses(404) },
    },
    patch: {
      tags: ['Contacts'],
      operationId: 'updateContact',
      summary: 'Update a contact',
      description: 'Only the fields sent change; null (or an empty string) clears an optional field.',
      requestParams: { path: contactPath },
      requestBody: json(updateContactBody),
      responses: { '200': contactAnswer('The updated contact'), ...errorResponses(400, 404, 409, 413, 422) },
    },
    delete: {
      tags: ['Contacts'],
      operationId: 'deleteContact',
      summary: 'Delete a contact',
      description: 'From then on the contact is 404 and absent from lists; deals that name it keep working.',
      requestParams: { path: contactPath },
      responses: { '204': { description: 'Deleted' }, ...errorResponses(404) },
    },
  },
  '/contacts/{id}/merge': {
    post: {
      tags: ['Contacts'],
      operationId: 'mergeContact',
      summary: 'Merge a contact into another',
      description: [
        'Managers and admins. In one transaction, every deal naming this contact as primary contact and every deal link move to `into`',
        "(a deal linked to both keeps one link); `into` keeps its own values and gets this contact's values for its empty fields",
        '(last name, email, phone, company, external ID). This contact is then deleted: from then on its ID answers 404 with the',
        'survivor\'s ID in `details` (`{"path": "merged_into", "message": "cont_…"}`). Recorded as a `contact.merged` event.',
        'Merging into itself or into a missing contact is 422 and changes nothing.',
      ].join(' '),
      requestParams: { path: contactPath },
      requestBody: json(mergeContactBody),
      responses: { '200': contactAnswer('The surviving contact'), ...errorResponses(400, 403, 404, 413, 422) },
    },
  },
  '/companies': {
    get: {
      tags: ['Companies'],
      operationId: 'listCompanies',
      summary: 'List companies',
      description: 'Companies oldest first by (created_at, id), with cursor pagination. Deleted companies are never listed.',
      requestParams: { query: listCompaniesQuery },
      responses: { '200': { description: 'A page of companies', ...json(listEnvelope(companySchema)) }, ...errorResponses(400) },
    },
    post: {
      tags: ['Companies'],
      operationId: 'createCompany',
      summary: 'Create a company',
      description: 'The domain may be given as a URL; it is stored lower case without scheme, path or leading www.',
      requestBody: json(createCompanyBody),
      responses: { '201': companyAnswer('The new company'), ...errorResponses(400, 409, 413) },
    },
  },
  '/companies/{id}': {
    get: {
      tags: ['Companies'],
      operationId: 'getCompany',
      summary: 'Get a company',
      requestParams: { path: companyPath },
      responses: { '200': companyAnswer('The company'), ...errorResponses(404) },
    },
    patch: {
      tags: ['Companies'],
      operationId: 'updateCompany',
      summary: 'Update a company',
      description: 'Only the fields sent change; null (or an empty string) clears an optional field.',
      requestParams: { path: companyPath },
      requestBody: json(updateCompanyBody),
      responses: { '200': companyAnswer('The updated company'), ...errorResponses(400, 404, 409, 413) },
    },
    delete: {
      tags: ['Companies'],
      operationId: 'deleteCompany',
      summary: 'Delete a company',
      description: 'From then on the company is 404 and absent from lists; its contacts show company_id null.',
      requestParams: { path: companyPath },
      responses: { '204': { description: 'Deleted' }, ...errorResponses(404) },
    },
  },
  '/companies/{id}/merge': {
    post: {
      tags: ['Companies'],
      operationId: 'mergeCompany',
      summary: 'Merge a company into another',
      description: [
        'Managers and admins. In one transaction, every deal naming this company as primary company, every deal link and every',
        'contact working there move to `into` (a deal linked to both keeps one link); `into` keeps its own values and gets this',
        "company's domain and external ID when it has none. This company is then deleted: from then on its ID answers 404 with the",
        'survivor\'s ID in `details` (`{"path": "merged_into", "message": "comp_…"}`). Recorded as a `company.merged` event.',
        'Merging into itself or into a missing company is 422 and changes nothing.',
      ].join(' '),
      requestParams: { path: companyPath },
      requestBody: json(mergeCompanyBody),
      responses: { '200': companyAnswer('The surviving company'), ...errorResponses(400, 403, 404, 413, 422) },
    },
  },
  '/deals/{id}/contacts': {
    get: {
      tags: ['Deal associations'],
      operationId: 'listDealContacts',
      summary: "List a deal's contacts",
      description: 'The contacts linked to the deal, in the order they were linked. The primary contact (contact_id on the deal) is set through the deals API.',
      requestParams: { path: dealPath, query: listLinksQuery },
      responses: { '200': { description: 'A page of linked contacts', ...json(listEnvelope(contactSchema)) }, ...errorResponses(400, 404) },
    },
  },
  '/deals/{id}/contacts/{contactId}': {
    put: {
      tags: ['Deal associations'],
      operationId: 'linkDealContact',
      summary: 'Link a contact to a deal',
      description: 'Idempotent: linking a linked contact again changes nothing. Does not change the primary contact.',
      requestParams: { path: dealContactPath },
      responses: { '200': contactAnswer('The linked contact'), ...errorResponses(404) },
    },
    delete: {
      tags: ['Deal associations'],
      operationId: 'unlinkDealContact',
      summary: 'Unlink a contact from a deal',
      description:
        "Idempotent: unlinking a contact that is not linked is also 204. The deal's primary contact (contact_id on the deal) stays linked while it is primary: unlinking it is a 409 that changes nothing; change the deal's contact_id first.",
      requestParams: { path: dealContactPath },
      responses: { '204': { description: 'Not linked (any more)' }, ...errorResponses(404, 409) },
    },
  },
  '/deals/{id}/companies': {
    get: {
      tags: ['Deal associations'],
      operationId: 'listDealCompanies',
      summary: "List a deal's companies",
      description:
        'The companies linked to the deal, in the order they were linked. The primary company (company_id on the deal) is set through the deals API.',
      requestParams: { path: dealPath, query: listLinksQuery },
      responses: { '200': { description: 'A page of linked companies', ...json(listEnvelope(companySchema)) }, ...errorResponses(400, 404) },
    },
  },
  '/deals/{id}/companies/{companyId}': {
    put: {
      tags: ['Deal associations'],
      operationId: 'linkDealCompany',
      summary: 'Link a company to a deal',
      description: 'Idempotent: linking a linked company again changes nothing. Does not change the primary company.',
      requestParams: { path: dealCompanyPath },
      responses: { '200': companyAnswer('The linked company'), ...errorResponses(404) },
    },
    delete: {
      tags: ['Deal associations'],
      operationId: 'unlinkDealCompany',
      summary: 'Unlink a company from a deal',
      description:
        "Idempotent: unlinking a company that is not linked is also 204. The deal's primary company (company_id on the deal) stays linked while it is primary: unlinking it is a 409 that changes nothing; change the deal's company_id first.",
      requestParams: { path: dealCompanyPath },
      responses: { '204': { description: 'Not linked (any more)' }, ...errorResponses(404, 409) },
    },
  },
};
