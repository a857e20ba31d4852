#!/usr/bin/env python3
"""Fills translations/herald_en.ts: the English singular and plural of each "%n" text.

    tools/english-plurals.py [translations/herald_en.ts]

Texts written as "%n recipient(s)" become "%n recipient" / "%n recipients"; "%n entry/entries"
style texts and anything else without "(s)" is listed for a person to write, and stays
unfinished (test_language fails on it until then). Finished forms are left as they are.
"""
import re
import sys
import xml.etree.ElementTree as ET

path = sys.argv[1] if len(sys.argv) > 1 else "translations/herald_en.ts"
tree = ET.parse(path)
left = []
filled = 0
for message in tree.getroot().iter("message"):
    if message.get("numerus") != "yes":
        continue
    translation = message.find("translation")
    if translation is None or translation.get("type") != "unfinished":
        continue
    source = message.findtext("source")
    if "(s)" not in source and "(es)" not in source:
        left.append(source)
        continue
    singular = re.sub(r"\((e?s)\)", "", source)
    plural = re.sub(r"\((e?s)\)", r"\1", source)
    for child in list(translation):
        translation.remove(child)
    translation.text = None
    for text in (singular, plural):
        form = ET.SubElement(translation, "numerusform")
        form.text = text
    del translation.attrib["type"]
    filled += 1

tree.write(path, encoding="utf-8", xml_declaration=True)
# ElementTree drops the DOCTYPE lupdate writes; put it back so Linguist and lupdate agree.
with open(path, encoding="utf-8") as f:
    text = f.read()
if "<!DOCTYPE TS>" not in text:
    text = text.replace("?>\n", "?>\n<!DOCTYPE TS>\n", 1)
with open(path, "w", encoding="utf-8") as f:
    f.write(text if text.endswith("\n") else text + "\n")
print(f"{filled} filled")
for source in left:
    print(f"write by hand: {source}")
