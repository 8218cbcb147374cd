#!/usr/bin/env python3
"""Copies bench/RESULTS.md into the README, between <!-- results --> and <!-- /results -->, one
heading level down."""
import re

results = open("bench/RESULTS.md").read().split("\n", 1)[1].strip("\n")
results = re.sub(r"^(#+) ", lambda m: "#" + m.group(1) + " ", results, flags=re.M)
readme = open("README.md").read()
start, end = "<!-- results -->\n", "<!-- /results -->"
head, rest = readme.split(start, 1)
_, tail = rest.split(end, 1)
open("README.md", "w").write(head + start + results + "\n" + end + tail)
