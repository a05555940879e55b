import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { detectEncoding, hasUtf8Bom } from '@/lib/imports/detect-encoding';
import { detectSeparator, headerLine } from '@/lib/imports/detect-separator';
import { autoMapHeaders } from '@/lib/imports/import-fields';
import { parseAmount, parseDate, splitNameAndEmail } from '@/lib/imports/import-values';
import { resolveStage, type PipelineOption } from '@/lib/imports/resolve-stage';

describe('encoding detection', () => {
  it('takes valid UTF-8, with or without a byte order mark, as UTF-8', () => {
    const text = 'Name,Value\r\nCafé “Crème”,1 €\r\n';
    expect(detectEncoding(Buffer.from(text, 'utf8'))).toBe('utf-8');
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    expect(detectEncoding(withBom)).toBe('utf-8');
    expect(hasUtf8Bom(withBom)).toBe(true);
  });

  it('takes anything else as Windows-1252, where € and curly quotes are not Latin-1', () => {
    const bytes = iconv.encode('Name;Value\r\nCafé “Crème”;1 €\r\n', 'windows-1252');
    expect(detectEncoding(bytes)).toBe('windows-1252');
    expect(iconv.decode(bytes, 'windows-1252')).toContain('“Crème”;1 €');
  });
});

describe('separator detection', () => {
  it('counts comma, semicolon and tab in the header line, outside quotes', () => {
    expect(detectSeparator('Name,Value,Currency\r\na;b;c;d;e\r\n')).toBe(',');
    expect(detectSeparator('Name;Value;"Price, net";Currency\n')).toBe(';');
    expect(detectSeparator('Name\tValue\t"a,b,c,d"\n')).toBe('\t');
    expect(detectSeparator('\uFEFFName\n')).toBe(',');
    expect(headerLine('"Multi\nline",B\nnext')).toBe('"Multi\nline",B');
  });
});

describe('header auto-mapping', () => {
  it("recognises Dealboard's own export headers", () => {
    const headers = [
      'ID',
      'Name',
      'Pipeline',
      'Stage',
      'Status',
      'Value',
      'Currency',
      'Expected close date',
      'Owner',
      'Owner email',
      'Contact',
      'Contact email',
      'Company',
      'Company domain',
      'Lost reason',
      'Closed at',
      'Created at',
      'Source',
      'External ID',
      'Budget code',
    ];
    expect(autoMapHeaders('deals', headers, [{ key: 'budget_code', label: 'Budget code' }])).toEqual({
      ID: 'id',
      Name: 'name',
      Pipeline: 'pipeline',
      Stage: 'stage',
      Status: 'status',
      Value: 'value',
      Currency: 'currency',
      'Expected close date': 'expected_close',
      Owner: 'owner',
      'Owner email': 'owner_email',
      Contact: 'contact',
      'Contact email': 'contact_email',
      Company: 'company',
      'Company domain': 'company_domain',
      'Lost reason': 'lost_reason',
      'Closed at': 'closed_at',
      'Created at': 'created_at',
      Source: 'source',
      'External ID': 'external_id',
      'Budget code': 'custom:budget_code',
    });
    expect(
      autoMapHeaders('contacts', ['ID', 'First name', 'Last name', 'Email', 'Phone', 'Company', 'Company domain', 'External ID', 'Created at']),
    ).toMatchObject({
      'First name': 'first_name',
      Email: 'email',
      'Company domain': 'company_domain',
    });
    expect(autoMapHeaders('companies', ['ID', 'Name', 'Domain', 'External ID', 'Created at'])).toMatchObject({
      Name: 'name',
      Domain: 'domain',
      'External ID': 'external_id',
    });
  });

  it('recognises Pipedrive\'s deal export headers, custom fields as "Deal - <label>"', () => {
    const mapping = autoMapHeaders(
      'deals',
      [
        'Deal - Title',
        'Deal - Value',
        'Deal - Currency',
        'Deal - Stage',
        'Deal - Pipeline',
        'Deal - Owner',
        'Person - Name',
        'Person - Email',
        'Organization - Name',
        'Deal - Expected close date',
        'Deal - Lost reason',
        'Deal - Status',
        'Deal - Region',
        'Deal - Label',
      ],
      [{ key: 'region', label: 'Region' }],
    );
    expect(mapping).toEqual({
      'Deal - Title': 'name',
      'Deal - Value': 'value',
      'Deal - Currency': 'currency',
      'Deal - Stage': 'stage',
      'Deal - Pipeline': 'pipeline',
      'Deal - Owner': 'owner',
      'Person - Name': 'contact',
      'Person - Email': 'contact_email',
      'Organization - Name': 'company',
      'Deal - Expected close date': 'expected_close',
      'Deal - Lost reason': 'lost_reason',
      'Deal - Status': 'status',
      'Deal - Region': 'custom:region',
      'Deal - Label': '',
    });
  });

  it("recognises HubSpot's deal export headers, whatever their case and spacing", () => {
    expect(
      autoMapHeaders('deals', [
        'Record ID',
        'Deal Name',
        'Amount',
        'Deal Stage',
        'Pipeline',
        'Close Date',
        'Deal owner',
        'Associated Company',
        'Associated Contact',
        ' currency ',
      ]),
    ).toEqual({
      'Record ID': 'external_id',
      'Deal Name': 'name',
      Amount: 'value',
      'Deal Stage': 'stage',
      Pipeline: 'pipeline',
      'Close Date': 'expected_close',
      'Deal owner': 'owner',
      'Associated Company': 'company',
      'Associated Contact': 'contact',
      ' currency ': 'currency',
    });
  });

  it('gives a field to the first column naming it only', () => {
    expect(autoMapHeaders('deals', ['Name', 'Deal Name'])).toEqual({ Name: 'name', 'Deal Name': '' });
  });
});

describe('cell values', () => {
  it('reads amounts exactly, with decimal commas and thousands separators', () => {
    const usd = (text: string, decimalComma = false) => parseAmount(text, 'USD', { decimalComma });
    expect(usd('1234.50')).toEqual({ ok: true, value: 123450n });
    expect(usd('1,234.50')).toEqual({ ok: true, value: 123450n });
    expect(usd('1.234,50 €', true)).toEqual({ ok: true, value: 123450n });
    expect(usd('99,90', true)).toEqual({ ok: true, value: 9990n });
    expect(usd('2.000', true)).toEqual({ ok: true, value: 200000n });
    expect(usd('0.1')).toEqual({ ok: true, value: 10n });
    expect(usd('10.005').ok).toBe(false);
    expect(usd('twelve').ok).toBe(false);
  });

  it('reads ISO, European and US dates', () => {
    expect(parseDate('2027-01-15')).toEqual({ ok: true, value: new Date('2027-01-15T00:00:00Z') });
    expect(parseDate('15.01.2027')).toEqual({ ok: true, value: new Date('2027-01-15T00:00:00Z') });
    expect(parseDate('01/15/2027')).toEqual({ ok: true, value: new Date('2027-01-15T00:00:00Z') });
    expect(parseDate('2027-02-30').ok).toBe(false);
  });

  it('splits "Name (email)" cells', () => {
    expect(splitNameAndEmail('Tony Stark (tony@stark.test)')).toEqual({ name: 'Tony Stark', email: 'tony@stark.test' });
    expect(splitNameAndEmail('tony@stark.test')).toEqual({ name: null, email: 'tony@stark.test' });
  });
});

describe('stage resolution', () => {
  const stage = (id: number, name: string, position: number, outcome: 'won' | 'lost' | null = null) => ({
    id,
    pipelineId: 1,
    name,
    position,
    probability: 0,
    outcome,
  });
  const pipelines: PipelineOption[] = [
    {
      id: 1,
      name: 'Sales',
      isDefault: true,
      position: 0,
      stages: [stage(1, 'Lead', 0), stage(2, 'Demo', 1), stage(3, 'Offer', 2), stage(4, 'Won', 3, 'won'), stage(5, 'Lost', 4, 'lost')],
    },
  ];
  const pick = (p: string | null, s: string | null, status: 'won' | 'lost' | 'open' | null = null) => {
    const choice = resolveStage(pipelines, p, s, status);
    return choice.ok ? choice.stage.id : choice.message;
  };
  it('matches names case-insensitively in the named or default pipeline', () => {
    expect(pick('sales', 'demo')).toBe(2);
    expect(pick(null, 'OFFER')).toBe(3);
    expect(pick(null, null)).toBe(1);
    expect(pick(null, null, 'won')).toBe(4);
  });
  it("maps HubSpot's internal stage ids", () => {
    expect(pick(null, 'closedwon')).toBe(4);
    expect(pick(null, 'closedlost')).toBe(5);
    expect(pick(null, 'appointmentscheduled')).toBe(1);
    expect(pick(null, 'contractsent')).toBe(3);
  });
  it('refuses what it cannot place, naming what would work', () => {
    expect(pick('Support', 'Lead')).toBe('Pipeline "Support" does not exist (pipelines: Sales)');
    expect(pick(null, 'Negotiation')).toBe('Stage "Negotiation" does not exist in pipeline "Sales" (stages: Lead, Demo, Offer, Won, Lost)');
  });
});
