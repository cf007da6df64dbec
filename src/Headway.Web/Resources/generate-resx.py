#!/usr/bin/env python3
"""Writes SharedResource.<lang>.resx from strings.<lang>.json (the editable source of the UI strings).

Run after editing a strings file: python3 src/Headway.Web/Resources/generate-resx.py
"""
import json, pathlib
from xml.sax.saxutils import escape

here = pathlib.Path(__file__).parent
header = '''<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
'''
for source in sorted(here.glob("strings.*.json")):
    lang = source.name.split(".")[1]
    strings = json.loads(source.read_text(encoding="utf-8"))
    name = "SharedResource.resx" if lang == "en" else f"SharedResource.{lang}.resx"
    body = "".join(f'  <data name="{escape(k)}" xml:space="preserve"><value>{escape(v)}</value></data>\n' for k, v in strings.items())
    (here / name).write_text(header + body + "</root>\n", encoding="utf-8")
    print(f"{name}: {len(strings)} strings")
