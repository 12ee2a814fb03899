"""Writes src/test/resources/golden/pydantic_floats.json: how pydantic 2 writes floats in model_dump_json.

Today's backend's enqueued_at, and any float inside metadata, are written by pydantic, whose float text is
not Python's repr (1e-05 -> 0.00001, 1e-07 -> 1e-7). Each vector is [repr(x), what pydantic wrote]; the Java
side parses the first and must write the second. Run: cd src/test/python && python3 make_float_vectors.py
"""
import json
import os
import random
import struct

from pydantic import BaseModel


class Holder(BaseModel):
    x: float


def pydantic_text(value):
    dumped = Holder(x=value).model_dump_json()
    return dumped[len('{"x":'):-1]


def values():
    out = [0.0, -0.0, 1.0, -1.0, 0.5, 3.14, 0.1 + 0.2, 1764213000.0, 1764213000.123456, 5e-324,
           1.7976931348623157e308, 2.2250738585072014e-308]
    for e in range(-300, 301):
        out.append(float("1e%d" % e))
        out.append(float("1.5e%d" % e))
        out.append(-float("2.5e%d" % e))
    for e in range(-8, 18):
        out.append(1.2345678901234567 * 10.0 ** e)
        out.append(float(10 ** e) if e >= 0 else 10.0 ** e)
        out.append(9.999999 * 10.0 ** e)
    for n in (1, 12, 123456789, 2 ** 53, 2 ** 53 + 2, 10 ** 15, 10 ** 16, 10 ** 17):
        out.append(float(n))
    rng = random.Random(7)
    for _ in range(400):
        out.append(struct.unpack("<d", struct.pack("<Q", rng.getrandbits(64)))[0])
    for _ in range(200):
        out.append(rng.uniform(-1e-3, 1e-3) * 10.0 ** rng.randint(-10, 10))
    seen, vectors = set(), []
    for v in out:
        if v != v or v in (float("inf"), float("-inf")):
            continue
        key = repr(v)
        if key not in seen:
            seen.add(key)
            vectors.append([key, pydantic_text(v)])
    return vectors


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    target = os.path.join(here, "..", "resources", "golden", "pydantic_floats.json")
    with open(target, "w") as f:
        json.dump(values(), f, indent=0)
        f.write("\n")
    print("wrote", target)
