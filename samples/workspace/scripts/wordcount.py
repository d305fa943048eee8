#!/usr/bin/env python3
"""Counts the words of the files given on the command line."""
import sys


def count_words(path):
    with open(path, encoding="utf-8") as f:
        return sum(len(line.split()) for line in f)


if __name__ == "__main__":
    for p in sys.argv[1:]:
        print(f"{count_words(p):8d} {p}")
