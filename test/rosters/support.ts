import { crc32, deflateRawSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import type { RosterConfig, WebConfig } from '../../src/config';
import { generateSample, type DisclosureRow } from '../../src/sample/generate';
import type { Harness } from '../support/harness';
import { ingestSample } from '../web/sample-fixture';
import { openWeb, type WebHarness } from '../web/support';

/** A web harness with roster limits of the test's choosing, and quotas that let a roster through. */
export function openRosterWeb(rosters: Partial<RosterConfig> = {}, web: Partial<WebConfig> = {}, existing?: Harness): Promise<WebHarness> {
  return openWeb({ userDailyQuota: 500, orgDailyQuota: 5000, ...web }, existing, rosters);
}

/** A disclosure person as a roster would hold them: split names, the date both ways, the A-number three ways. */
export interface ListedPerson {
  given: string;
  family: string;
  usDate: string;
  isoDate: string;
  aDashed: string;
  aPrefixed: string;
  aDigits: string;
}

export function listedPeople(rows: DisclosureRow[]): ListedPerson[] {
  return rows
    .map((r) => {
      const name = String(r.Name ?? '');
      const [family, given] = name.includes(',') ? name.split(/,\s*/) : [name.split(' ').slice(-1)[0], name.split(' ').slice(0, -1).join(' ')];
      const us = String(r['Date of Birth'] ?? '');
      const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(us);
      const dashed = String(r['A-Number'] ?? '');
      const digits = dashed.replace(/\D/g, '');
      return {
        given: given ?? '',
        family: family ?? '',
        usDate: us,
        isoDate: m ? `${m[3]}-${m[1]}-${m[2]}` : '',
        aDashed: dashed,
        aPrefixed: digits ? `A${digits}` : '',
        aDigits: digits,
      };
    })
    .filter((p) => p.given && p.family && p.isoDate && p.aDigits.length >= 8);
}

/** Ingests the invented sample and returns its listed people in roster-friendly forms. */
export async function ingestListed(h: Harness) {
  const s = await ingestSample(h);
  const disclosure = generateSample({ records: 40, seed: 7 }).disclosure;
  return { ...s, listed: listedPeople(disclosure) };
}

/**
 * A minimal XLSX-shaped zip whose one sheet inflates from a few hundred kilobytes to `cells` repeated
 * cells (tens of megabytes): a decompression bomb. Built by hand with zlib (stored central directory).
 */
export function xlsxBomb(cells: number): Buffer {
  const row = '<c t="inlineStr"><is><t>x</t></is></c>';
  const body = Buffer.from(`<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">${row.repeat(cells)}</row></sheetData></worksheet>`);
  const entries: Array<[string, Buffer]> = [
    ['[Content_Types].xml', Buffer.from('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')],
    ['xl/workbook.xml', Buffer.from('<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="S" sheetId="1" r:id="rId1" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></sheets></workbook>')],
    ['xl/worksheets/sheet1.xml', body],
  ];
  return zipArchive(entries, { deflate: true });
}

/**
 * A zip of `entries`, written by hand. Stored with CRCs: a valid archive. Deflated: the CRCs are
 * left 0, because the bomb must be refused on size before anything checks a CRC.
 */
export function zipArchive(entries: Array<[string, Buffer]>, { deflate }: { deflate: boolean }): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of entries) {
    const packed = deflate ? deflateRawSync(data, { level: 9 }) : data;
    const method = deflate ? 8 : 0;
    const crc = deflate ? 0 : crc32(data);
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + packed.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** Parses a results CSV as written (BOM, CRLF, quoted cells) into rows of cells. */
export function parseResultsCsv(body: Buffer | string): string[][] {
  const text = Buffer.isBuffer(body) ? body.toString('utf8') : body;
  return parse(text.replace(/^\uFEFF/, ''), { relax_column_count: true }) as string[][];
}

export async function waitForJobs(w: WebHarness): Promise<void> {
  await w.context.rosterJobs.idle();
}
