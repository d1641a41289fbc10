#!/usr/bin/python3
"""Fills cells of a workbook in LibreOffice Calc, as a person would, and saves it as XLSX.

    lo_fill.py IN.xlsx OUT.xlsx KEY=VALUE [KEY=VALUE ...]

KEY is matched against column A of the first sheet (a cell key such as 2105.nu in NamHoc's one-unit
statistics workbook); VALUE is written into the column headed "Số liệu" of that row. Used by
scripts/check-office: the workbook NamHoc exports is filled in LibreOffice and imported back. Run with
Debian's /usr/bin/python3, which has LibreOffice's `uno` module (python3-uno).
"""
import os
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def main():
    src, dst, pairs = sys.argv[1], sys.argv[2], dict(a.split("=", 1) for a in sys.argv[3:])
    profile = tempfile.mkdtemp()
    pipe = f"namhoc_fill_{os.getpid()}"
    office = subprocess.Popen(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--invisible", "--norestore",
                               f"--accept=pipe,name={pipe};urp;"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        resolver = uno.getComponentContext().ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver",
                                                                                     uno.getComponentContext())
        for _ in range(120):
            try:
                context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:
                time.sleep(0.5)
        else:
            sys.exit("LibreOffice did not start")
        desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(src)), "_blank", 0, (prop("Hidden", True),))
        sheet = doc.Sheets.getByIndex(0)
        header_row, value_col = None, None
        for row in range(0, 40):
            if sheet.getCellByPosition(0, row).String.strip() == "Mã ô":
                header_row = row
                value_col = next(c for c in range(0, 10) if sheet.getCellByPosition(c, row).String.strip() == "Số liệu")
                break
        if header_row is None:
            sys.exit("no “Mã ô” header")
        filled = 0
        for row in range(header_row + 1, header_row + 2000):
            key = sheet.getCellByPosition(0, row).String.strip()
            if key in pairs:
                sheet.getCellByPosition(value_col, row).setValue(float(pairs[key]))
                filled += 1
        doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(dst)), (prop("FilterName", "Calc MS Excel 2007 XML"),))
        doc.close(True)
        print(f"filled {filled} cells")
        if filled != len(pairs):
            sys.exit(f"only {filled} of {len(pairs)} keys found")
    finally:
        office.terminate()
        office.wait()


if __name__ == "__main__":
    main()
