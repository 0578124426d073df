// Hostile workbooks made in the tests: a real fixture unpacked into its parts, one part edited
// (a sheet found by its tab name), and zipped again (deflated or stored) — or its bytes changed.
import { readFileSync } from 'node:fs';
import { zip, type ZipPart } from '../../src/excel/lean/zip.js';
import { unzipParts } from '../../src/excel/zip-read.js';

export type { ZipPart };

export function unzipFile(file: string): ZipPart[] {
  return unzipBytes(readFileSync(file));
}

export function unzipBytes(buf: Buffer): ZipPart[] {
  return unzipParts(buf);
}

export const zipParts = (parts: ZipPart[], store = false): Buffer => zip(parts, { store });

export function text(parts: ZipPart[], name: string): string {
  const p = parts.find((x) => x.name === name);
  if (!p) throw new Error(`no part ${name}`);
  return p.data.toString('utf8');
}

export function setText(parts: ZipPart[], name: string, xml: string): void {
  const p = parts.find((x) => x.name === name);
  if (p) p.data = Buffer.from(xml, 'utf8');
  else parts.push({ name, data: Buffer.from(xml, 'utf8') });
}

/** The part name of the sheet whose tab reads `sheet`. */
export function sheetPart(parts: ZipPart[], sheet: string): string {
  const wb = text(parts, 'xl/workbook.xml');
  const rels = text(parts, 'xl/_rels/workbook.xml.rels');
  const tag = [...wb.matchAll(/<sheet\b[^>]*>/g)].map((m) => m[0]).find((t) => new RegExp(`name="${sheet}"`).test(t));
  if (!tag) throw new Error(`no sheet ${sheet}`);
  const id = /r:id="([^"]+)"/.exec(tag)![1];
  const target = new RegExp(`<Relationship\\b[^>]*Id="${id}"[^>]*>`).exec(rels)![0].match(/Target="([^"]+)"/)![1]!;
  const t = target.replace(/^\//, '');
  return t.startsWith('xl/') ? t : `xl/${t}`;
}

export function editSheet(parts: ZipPart[], sheet: string, edit: (xml: string) => string): void {
  const name = sheetPart(parts, sheet);
  setText(parts, name, edit(text(parts, name)));
}

/** Replaces the first shared string `from` by the XML `to` (inside <t>…</t>). */
export function editSharedString(parts: ZipPart[], from: string, to: string): void {
  const xml = text(parts, 'xl/sharedStrings.xml');
  const at = xml.indexOf(`>${from}</t>`);
  if (at < 0) throw new Error(`no shared string ${from}`);
  setText(parts, 'xl/sharedStrings.xml', `${xml.slice(0, at + 1)}${to}${xml.slice(at + 1 + from.length)}`);
}
