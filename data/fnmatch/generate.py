#!/usr/bin/env python3
"""Fixture tables of the real glibc fnmatch, for the pattern matcher's tests.

Calls the C library's fnmatch(pattern, key, 0) through ctypes in the C locale and writes:

  glibc.json  rows {pattern, key, match}: fnmatch on the raw strings (any pattern syntax).
  kmod.json   rows {alias, key, match}: what kmod decides. Both strings go through kmod's
              alias_normalize (re-stated below from its documented rules); an invalid one
              never matches; otherwise fnmatch decides on the normalized strings.

Strings are bytes 0..255 stored as one JSON char each (latin-1), so "\u00e9" is byte 0xE9.

Usage: python3 data/fnmatch/generate.py   (rewrites both files next to this script)
"""

import ctypes
import gzip
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
ALIASES = os.path.join(HERE, "..", "debian-6.12.107-amd64", "modules.alias.gz")

LC_ALL = 6
libc = ctypes.CDLL("libc.so.6")
libc.setlocale.restype = ctypes.c_char_p
libc.setlocale.argtypes = [ctypes.c_int, ctypes.c_char_p]
if libc.setlocale(LC_ALL, b"C") is None:
    raise SystemExit("cannot switch to the C locale")
libc.__ctype_get_mb_cur_max.restype = ctypes.c_size_t
if libc.__ctype_get_mb_cur_max() != 1:
    raise SystemExit("the C locale is not single-byte here")
libc.fnmatch.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_int]
if os.environ.get("POSIXLY_CORRECT") is not None:
    raise SystemExit("unset POSIXLY_CORRECT: it changes fnmatch")


def glibc(pattern, key):
    """fnmatch(pattern, key, 0) == 0 with the real C library."""
    return libc.fnmatch(pattern.encode("latin-1"), key.encode("latin-1"), 0) == 0


def kmod_normalize(text):
    """kmod's alias_normalize: None when invalid, else the normalized text."""
    out = []
    i = 0
    while i < 4095 and i < len(text):
        c = text[i]
        if c == "-":
            out.append("_")
        elif c == "]":
            return None
        elif c == "[":
            close = text.find("]", i)
            if close < 0:
                return None
            out.append(text[i:close + 1])
            i = close
        else:
            out.append(c)
        i += 1
    return "".join(out)


def every_byte(pattern):
    """The pattern against each single byte 1..255."""
    return [(pattern, chr(b)) for b in range(1, 256)]


def around(pattern, keys):
    return [(pattern, k) for k in keys]


CASES = []
add = CASES.extend

# Plain text and the empty pattern.
add([("", ""), ("", "a"), ("a", ""), ("a", "a"), ("a", "b"), ("abc", "abc"),
     ("abc", "ab"), ("abc", "abcd"), ("ABC", "abc"), ("a/b", "a/b"), (".a", ".a"),
     ("{a,b}", "a"), ("{a,b}", "{a,b}"), ("+(a)", "a"), ("+(a)", "+(a)"), ("@(a)", "@(a)"),
     ("!(a)", "b"), ("!(a)", "!(a)"), ("*(a)", "(a)"), ("?(a)", "x(a)"), ("a|b", "a|b")])

# `?` and `*`, including `/` and a leading `.`, which flags 0 does not treat specially.
add(around("?", ["", "a", "ab", "/", ".", "?"]))
add(around("??", ["a", "ab", "abc"]))
add(around("*", ["", "a", "abc", "/", ".hidden", "a/b/c", "*"]))
add(around("**", ["", "abc"]))
add(around("a*", ["a", "ab", "ba", "a/b"]))
add(around("*a", ["a", "ba", "ab", "bab"]))
add(around("*a*", ["a", "bab", "bbb", ""]))
add(around("a*b*c", ["abc", "aXbYc", "acb", "abcabc", "aXbYcZ"]))
add(around("*?", ["", "a", "ab"]))
add(around("?*", ["", "a", "ab"]))
add(around("*??", ["a", "ab", "abc"]))
add(around("*?*?*", ["a", "ab", "abc"]))
add(around("*.c", ["a.c", ".c", "a.h", "a.c.c"]))
add(around("*/*", ["a/b", "ab", "/"]))
add(around("a*a*a*a*b", ["aaaaaaaaaab", "aaaaaaaaaa", "ab", "aaaab"]))
add(around("*ab*ab*", ["abab", "ab", "aabbaabb", "abxab"]))
add(around("*a?c*", ["abc", "xxabcxx", "ac", "aXXc"]))

# Backslash escapes, and a trailing backslash (never matches).
add(around("\\a", ["a", "\\a", "b"]))
add(around("\\*", ["*", "a", ""]))
add(around("\\?", ["?", "a"]))
add(around("\\[", ["[", "a"]))
add(around("\\]", ["]"]))
add(around("\\\\", ["\\", "\\\\"]))
add(around("\\", ["", "\\"]))
add(around("a\\", ["a", "a\\"]))
add(around("*\\", ["", "\\", "a\\"]))
add(around("*\\a", ["a", "ba", "b\\a"]))
add(around("\\a*", ["a", "abc", "\\abc"]))
add(around("*\\*", ["*", "a*", "a"]))

# Plain brackets, negation with `!` and `^`, `]` first, `-` at either end.
add(around("[abc]", ["a", "c", "d", "", "ab", "[", "]"]))
add(around("[!abc]", ["a", "d", "", "!", "]"]))
add(around("[^abc]", ["a", "d", "^"]))
add(around("[]a]", ["]", "a", "b"]))
add(around("[!]a]", ["]", "a", "b"]))
add(around("[^]a]", ["]", "b"]))
add(around("[]]", ["]", "]]"]))
add(around("[]-a]", ["]", "^", "a", "-", "b"]))
add(around("[a-]", ["a", "-", "b"]))
add(around("[-a]", ["a", "-", "b"]))
add(around("[!-]", ["-", "a"]))
add(around("[a-c]", ["a", "b", "c", "d", "-", "A"]))
add(around("[!a-c]", ["a", "d"]))
add(around("[a-a]", ["a", "b"]))
add(around("[z-a]", ["m", "a", "z", "-"]))
add(around("[a-cx-z]", ["b", "y", "m"]))
add(around("[a-c-e]", ["b", "-", "d", "e"]))
add(around("[--0]", ["-", ".", "/", "0", "1"]))
add(around("[%--]", ["%", "+", "-", "."]))
add(around("[a-\\]]", ["a", "]", "\\", "^"]))
add(around("[\\]]", ["]", "\\"]))
add(around("[\\\\]", ["\\", "]"]))
add(around("[\\a-\\c]", ["b", "\\", "d"]))
add(around("[a\\-c]", ["a", "-", "b", "c"]))
add(around("[\\!a]", ["!", "a", "b"]))
add(around("[[]", ["["]))
add(around("[[a]", ["[", "a", "b"]))
add(around("[a[]", ["[", "a"]))
add(around("[*?]", ["*", "?", "a"]))
add(around("x[0-9]y", ["x5y", "xay", "x5", "x55y"]))
add(around("[0-9][0-9]", ["12", "1", "1a"]))

# Unterminated brackets: the `[` is a literal, unless a member matched (then the skip loop
# reaches the end and the `[` must still match itself).
add(around("[", ["[", "a", ""]))
add(around("a[", ["a[", "a", "a[b"]))
add(around("[a", ["[a", "a", "[", "["]))
add(around("[ab", ["a", "[ab", "b"]))
add(around("[!a", ["[!a", "b", "a", "!"]))
add(around("[^", ["[^", "a"]))
add(around("[!", ["[!", "a"]))
add(around("[]", ["[]", "]", "["]))
add(around("[!]", ["[!]", "a", "]"]))
add(around("[a-", ["a", "[a-", "[", "-"]))
add(around("[a-z", ["b", "[a-z"]))
add(around("[\\", ["[\\", "\\"]))
add(around("[a\\", ["a", "[a\\"]))
add(around("*[", ["[", "a[", "a"]))
add(around("*[a", ["[a", "x[a", "a"]))
add(around("[*", ["[", "[*", "[abc", "*"]))
add(around("[?", ["[x", "[", "?"]))
add(around("[[:alpha:]", ["[[:alpha:]", "a", "["]))
add(around("[a[:alpha:]", ["a", "[", "[a[:alpha:]"]))
add(around("a[b*", ["a[b", "a[bcd", "ab"]))
add(around("[[:foo:]", ["[[:foo:]", "["]))
add(around("[[a", ["[[a", "[", "[a"]))
add(around("[[", ["[[", "["]))
add(around("[![", ["[![", "[", "!"]))
add(around("[!a[", ["[!a[", "b"]))

# Character classes of the C locale, every byte.
for name in ["alnum", "alpha", "blank", "cntrl", "digit", "graph", "lower", "print",
             "punct", "space", "upper", "xdigit"]:
    add(every_byte("[[:%s:]]" % name))
add(every_byte("[![:alpha:]]"))
add(around("[[:foo:]]", ["a", "f"]))
add(around("[[:foo:]a]", ["a"]))
add(around("[a[:foo:]]", ["a", "b"]))
add(around("[[:ALPHA:]]", ["A", "[", ":", "]"]))
add(around("[[:alpha:]-z]", ["-", "z", "m"]))
add(around("[[:alpha:][:digit:]]", ["a", "1", "-"]))
add(around("[[:digit:]a-c]", ["5", "b", "d"]))
add(around("[[:alphaz:]]", ["a", "z", ":", "["]))
add(around("[[:alpha]", ["a", "[", ":"]))
add(around("[[:]", ["[", ":"]))
add(around("[[:]]", ["[", ":", "]"]))
add(around("[[::]]", ["[", ":"]))
add(around("[[::]a]", ["a"]))
add(around("[[:combining:]a]", ["a"]))
add(around("[[:al-pha:]]", ["a", "-", ":", "["]))
add(around("[x[:zz:]]", ["x", "z", ":"]))
add(around("[[:alpha:]", ["a", "[[:alpha:]"]))
for length in [2046, 2047, 2048, 2049]:
    add(around("[[:" + "a" * length + "!]", ["a", "!", "["]))
    add(around("[a[:" + "b" * length + "!]", ["a", "b"]))
    add(around("[a[:" + "b" * length + ":]]", ["a"]))

# Equivalence classes `[=c=]` (the byte itself in the C locale), and malformed ones, which the
# parse loop reads as a plain `[` but the skip loop rejects.
add(around("[[=a=]]", ["a", "b", "=", "["]))
add(around("[[=a=]b]", ["a", "b", "c"]))
add(around("[![=a=]]", ["a", "b"]))
add(around("[[=]=]]", ["]", "="]))
add(around("[[==]]", ["=", "[", "]"]))
add(around("[[=ab=]]", ["a", "b", "[", "="]))
add(around("[[=a]", ["[", "=", "a"]))
add(around("[[=", ["[[=", "["]))
add(around("[a[=b]", ["a", "b", "[", "="]))
add(around("[a[=bb=]]", ["a", "b"]))
add(around("[a[==]]", ["a"]))
add(around("[[=a=]-c]", ["a", "b", "-", "c"]))
add(every_byte("[[=\u00e9=]]"))

# Collating symbols `[.c.]` (single bytes only in the C locale), in and around ranges.
add(around("[[.a.]]", ["a", "b", "."]))
add(around("[[.a.]b]", ["a", "b"]))
add(around("[[.ab.]]", ["a", "b"]))
add(around("[[..]]", [".", "["]))
add(around("[[...]]", [".", "x"]))
add(around("[[.].]]", ["]", "."]))
add(around("[[.-.]]", ["-"]))
add(around("[[.a.]-c]", ["a", "b", "c", "d", "-"]))
add(around("[[.a.]-]", ["a", "-", "]"]))
add(around("[[.a.]-]]", ["a", "-", "]"]))
add(around("[a-[.c.]]", ["a", "b", "c", "d", "."]))
add(around("[a-[.cc.]]", ["a", "b"]))
add(around("[a-[..]]", ["a"]))
add(around("[[.a", ["[", "a"]))
add(around("[[.a.", ["[", "a"]))
add(around("[b[.a", ["b", "["]))
add(around("[b[.a.]", ["b", "a", "["]))
add(around("[[.a.]-[.c.]]", ["b", "d"]))
add(around("[[.\u00e9.]]", ["\u00e9", "e"]))

# Parse loop and skip loop disagree on where the bracket ends; the match commits to the
# first key offset that reaches the next star.
add(around("[ba-[:x:]y]", ["b", "by]", "x", "xy]", "y", "q"]))
add(around("*[ba-[:x:]*]Q", ["xbQ", "bQ", "x]Q", "xQ", "bbQ"]))
add(around("[ba-[:x:]*]Q", ["bQ", "x]Q", "xQ"]))
add(around("*[ab-[:x:]c]*]d", ["a]d", "xc]d", "ac]d", "aad"]))
add(around("[b\\]a-[:x:]]", ["b", "]", "x", "]x"]))
add(around("[!ba-[:x:]y]", ["q", "qy]", "b", "by]"]))
add(around("*[a[:x]*]b", ["ab", "a]b", "[x]b", "x]b"]))

# Ranges over bytes 128..255 (plain byte order in the C locale) and such bytes as literals.
add(around("\u00e9", ["\u00e9", "e", "\u00c9"]))
add(around("*\u00ff", ["\u00ff", "a\u00ff", "\u00fe"]))
add(every_byte("[\u0080-\u00ff]"))
add(every_byte("[!a-\u00e9]"))
add(every_byte("[\u00ff-a]"))
add(every_byte("?"))

# Long patterns and keys: many stars, many brackets.
add(around("*a*a*a*a*a*a*a*a*b", ["a" * 60, "a" * 60 + "b", "ab" * 30]))
add(around("[a-z]" * 20, ["abcdefghijklmnopqrst", "abcdefghijklmnopqrs", "abcdefghijklmnopqrs1"]))
add(around("*" + "[!b]?" * 10 + "*", ["a" * 20, "b" * 20, "ab" * 10, "a" * 19]))


def real_world():
    """Real alias patterns with a key built to match and one built to miss."""
    with gzip.open(ALIASES, "rt", encoding="latin-1") as f:
        patterns = [line.split()[1] for line in f if line.startswith("alias ")]
    picked = []
    for prefix in ["pci:", "usb:", "acpi", "of:", "dmi", "platform:", "hid:", "input:", "cpu:",
                   "virtio:", "mdio:", "i2c:", "hdaudio:", "pcmcia:", "serio:", "sdio:", "wmi:"]:
        chosen = [p for p in patterns if p.startswith(prefix)]
        step = max(1, len(chosen) // 6)
        picked.extend(chosen[::step][:6])
    picked.extend(p for p in patterns if "[" in p and not p.startswith("usb:"))
    picked.extend([p for p in patterns if "[" in p and p.startswith("usb:")][:6])
    picked.append("vfio_pci:v*d*sv*sd*bc*sc*i*")
    rows = []
    for pattern in sorted(set(picked)):
        norm = kmod_normalize(pattern)
        if norm is None:
            continue
        key = fill(norm)
        rows.append((norm, key))
        rows.append((norm, miss(key)))
    return rows


def fill(pattern):
    """A key shaped by the pattern: `*` becomes a short run, `?` and brackets one byte."""
    out = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "*":
            out.append("0A")
        elif c == "?":
            out.append("1")
        elif c == "[":
            close = pattern.find("]", i + 1)
            body = pattern[i + 1:close]
            out.append(body[0] if body[:1] not in ("!", "^", "") else "Z")
            i = close
        elif c == "\\" and i + 1 < len(pattern):
            i += 1
            out.append(pattern[i])
        else:
            out.append(c)
        i += 1
    return "".join(out)


def miss(key):
    """The key with its last letter or digit changed."""
    for i in range(len(key) - 1, -1, -1):
        if key[i].isalnum():
            return key[:i] + ("X" if key[i] != "X" else "Y") + key[i + 1:]
    return key + "X"


CASES.extend(real_world())
# Real device keys against a few common pattern shapes.
KEYS = ["pci:v00008086d00001234sv00001028sd000004B0bc02sc00i00",
        "pci:v000010DEd00001EB8sv000010DEsd000012A2bc03sc02i00",
        "usb:v0D96p410Ad0005dc00dsc00dp00ic08isc06ip50in00",
        "acpi:PNP0A08:PNP0A03:",
        "of:NcpusT(null)Carm,cortex-a53",
        "dmi:bvnLENOVO:bvrN2HET54W(1.37):bd05/11/2020:svnLENOVO:pn20QD:"]
for pattern in ["pci:v00008086d00001234sv*sd*bc*sc*i*", "pci:v*d*sv*sd*bc02sc00i*",
                "pci:v000010DEd*sv*sd*bc03sc*i*", "usb:v0D96p410Ad000[1-9]dc*dsc*dp*ic*isc*ip*in*",
                "usb:v*p*d*dc*dsc*dp*ic08isc06ip50in*", "acpi*:PNP0A08:*", "of:N*T*Carm,cortex_a53C*",
                "dmi*:svnLENOVO:*", "dmi*:bvnLENOVO:bvr*:bd*:svnLENOVO:pn20QD*"]:
    norm = kmod_normalize(pattern)
    CASES.extend((norm, kmod_normalize(k)) for k in KEYS)

# kmod-level rows: raw aliases and keys, normalized by kmod before matching.
KMOD_CASES = [
    ("crypto-twofish", "crypto-twofish"), ("crypto-twofish", "crypto_twofish"),
    ("crypto_twofish", "crypto-twofish"), ("usb:v*p*d*", "usb:v1p2d3"),
    ("a[0-9]b", "a5b"), ("a[0-9]b", "a-b"), ("a-[0-9]", "a_5"), ("a-[0-9]", "a-5"),
    ("a[_-]b", "a-b"), ("a[_-]b", "a_b"), ("[]a]", "]"), ("[]a]", "a"), ("[!]a]", "b"),
    ("a]", "a]"), ("a[", "a["), ("a[b", "a[b"), ("[z-a]", "m"), ("{a,b}", "{a,b}"),
    ("[!a]*", "b-c"), ("x-*", "x_y"), ("x_*", "x-y"), ("[a\\]b]", "a"), ("[a\\]b", "b"),
    ("[[:alpha:]]", "a"), ("[[:alpha:][x]", "a"), ("[[:alpha:][x]", "x"), ("pci:v*d*", "pci:v1d2]"),
    ("dmi:*:[bs]vnD[Ee][Ll][Ll]*:*", "dmi:x:svnDell Inc.:pn"), ("a" * 5000, "a" * 5000),
    ("a" * 4095 + "]", "a" * 4095), ("a" * 4094 + "[b]", "a" * 4094 + "b"),
    ("a" * 4094 + "[bc]", "a" * 4094 + "b"), ("a" * 4094 + "[bc]", "a" * 4094 + "c"),
    ("a" * 4093 + "[-]", "a" * 4093 + "-"), ("a" * 4093 + "[-]", "a" * 4093 + "_"),
    ("a" * 4095 + "[", "a" * 4095 + "["), ("a" * 4094 + "[", "a" * 4094),
    ("*" + "-" * 4094 + "x", "_" * 4094), ("*-", "a" * 5000 + "-"),
]


def main():
    seen = set()
    rows = []
    for pattern, key in CASES:
        if (pattern, key) in seen:
            continue
        seen.add((pattern, key))
        rows.append({"pattern": pattern, "key": key, "match": glibc(pattern, key)})
    kmod_rows = []
    for alias, key in KMOD_CASES:
        pattern, normalized = kmod_normalize(alias), kmod_normalize(key)
        match = pattern is not None and normalized is not None and glibc(pattern, normalized)
        kmod_rows.append({"alias": alias, "key": key, "match": match})
    write("glibc.json", rows)
    write("kmod.json", kmod_rows)


def write(name, rows):
    with open(os.path.join(HERE, name), "w", encoding="ascii") as f:
        f.write("[\n")
        f.write(",\n".join(json.dumps(row, ensure_ascii=True) for row in rows))
        f.write("\n]\n")
    print("%s: %d rows, %d matches" % (name, len(rows), sum(r["match"] for r in rows)))


if __name__ == "__main__":
    main()
