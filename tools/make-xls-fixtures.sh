#!/usr/bin/env bash
# fixtures/xls/: the old-format and macro-enabled copies of fixtures/township and fixtures/messy, made as a clerk's
# office makes them — LibreOffice saving the same workbooks as Excel 97–2003 (.xls) and as an
# Excel macro-enabled workbook (.xlsm, with a VBA project part added that is never run) — and a
# Word document named .xls. test/cli/xls.test.ts grades the copies to the same --json as the
# originals; SOURCES.sha256 names the originals they were made from (the test fails, saying to
# run this again, when fixtures/township changes). Needs soffice and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v soffice >/dev/null || { echo "make-xls-fixtures: soffice (LibreOffice) is not installed" >&2; exit 1; }
out=fixtures/xls
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
rm -rf "$out"
mkdir -p "$out/township" "$out/messy"
# A fresh profile per call: two soffice runs never share (and lock) one.
office() { soffice "-env:UserInstallation=file://$(mktemp -d -p "$tmp")" --headless "$@" >/dev/null 2>&1; }

office --convert-to xls --outdir "$out/township" fixtures/township/*.xlsx
# The reader quirks (text numbers, dates in five spellings, formulas, hidden sheets, merged titles).
office --convert-to xls --outdir "$out/messy" fixtures/messy/*.xlsx
office --convert-to 'xlsm:Calc MS Excel 2007 VBA XML' --outdir "$tmp/xlsm" fixtures/township/柳湾村党支部.xlsx
# A VBA project part and its relationship, as Excel writes them: the reader must ignore it.
python3 - "$tmp/xlsm/柳湾村党支部.xlsm" "$out/柳湾村党支部.xlsm" <<'EOF'
import sys, zipfile
src, dst = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(src) as z, zipfile.ZipFile(dst, 'w', zipfile.ZIP_DEFLATED) as o:
    for info in z.infolist():
        data = z.read(info.filename)
        if info.filename == '[Content_Types].xml':
            data = data.replace(b'</Types>', b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>')
        if info.filename == 'xl/_rels/workbook.xml.rels':
            data = data.replace(b'</Relationships>', b'<Relationship Id="rIdVba1" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>')
        zi = zipfile.ZipInfo(info.filename, date_time=(2023, 1, 1, 0, 0, 0))
        zi.compress_type = zipfile.ZIP_DEFLATED
        o.writestr(zi, data)
    zi = zipfile.ZipInfo('xl/vbaProject.bin', date_time=(2023, 1, 1, 0, 0, 0))
    o.writestr(zi, b'\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1' + b'Sub Auto_Open(): Shell "calc.exe": End Sub' + bytes(472))
EOF
# A Word document with an .xls name: an OLE2 compound file whose streams are a .doc's
# (WordDocument, 1Table), no workbook. Built with the CFB writer of the same SheetJS package.
node --input-type=module - "$out/不是表格.xls" <<'JS'
import { writeFileSync } from 'node:fs';
import { CFB } from '@e965/xlsx';
const doc = CFB.utils.cfb_new();
CFB.utils.cfb_add(doc, '/WordDocument', Buffer.concat([Buffer.from([0xec, 0xa5, 0xc1, 0x00]), Buffer.alloc(1020)]));
CFB.utils.cfb_add(doc, '/1Table', Buffer.alloc(512));
writeFileSync(process.argv[2], CFB.write(doc, { type: 'buffer' }));
JS
(cd fixtures && sha256sum -- township/*.xlsx messy/*.xlsx) > "$out/SOURCES.sha256"
ls -l "$out" "$out/township" "$out/messy"
