"""The benchmark harness's pandas side (see bench/run): read the survey CSV
with pandas and compute, per item of the survey source, the satisfaction
degree (Σ points / (n × 10)) and rate (share of 基本满意 or better), the
same figures csat computes."""
import resource
import sys
import time

import pandas as pd

POINTS = {"很满意": 10, "满意": 8, "基本满意": 6, "不满意": 4, "很不满意": 2}

start = time.perf_counter()
df = pd.read_csv(sys.argv[1], dtype={"item": "category", "source": "category", "level": "category"})
rows = len(df)
s = df[df["source"] == "survey"]
pts = s["level"].map(POINTS).astype("int64")
g = pd.DataFrame({"item": s["item"], "pts": pts, "sat": (pts >= 6).astype("int64")}).groupby("item", observed=True)
degree = g["pts"].sum() / (g["pts"].count() * 10)
rate = g["sat"].sum() / g["sat"].count()
elapsed = time.perf_counter() - start
for item in degree.index:
    print(f"  {item} degree {degree[item] * 100:.4f}% rate {rate[item] * 100:.4f}%")
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
print(f"pandas read_csv + groupby: {rows} rows in {elapsed:.2f} s = {rows / elapsed / 1e6:.2f} M rows/s, peak memory {peak} MB")
