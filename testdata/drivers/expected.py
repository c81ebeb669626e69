# The figures cmd/csat's drivers test asserts, computed from the CSV files
# of this directory independently of csat: exact fractions (Python's
# fractions module, an own Gaussian elimination) and scipy for the tests.
# Run with /usr/bin/python3 from this directory; it prints the figures.
import csv, itertools, math
from fractions import Fraction as F
from scipy import stats

pts = {'很满意': 10, '满意': 8, '基本满意': 6, '不满意': 4, '很不满意': 2}
items = ['品质', '交货', '服务', '价格', '技术支持', '包装']
rows = list(csv.DictReader(open('answers.csv', encoding='utf-8')))

# listwise: forms answering every item and the overall question
complete = [r for r in rows if all(r[i] for i in items) and r['总体满意度']]
print('forms', len(rows), 'complete', len(complete))
X = [[F(pts[r[i]]) for i in items] for r in complete]
y = [F(pts[r['总体满意度']]) for r in complete]
n = len(complete)

def cov(a, b):
    ma, mb = sum(a) / n, sum(b) / n
    return sum((u - ma) * (v - mb) for u, v in zip(a, b))

cols = [[row[j] for row in X] for j in range(len(items))]
C = [[cov(cols[i], cols[j]) for j in range(len(items))] for i in range(len(items))]
c = [cov(cols[i], y) for i in range(len(items))]
syy = cov(y, y)

def r2(S):
    S = list(S)
    if not S:
        return F(0)
    A = [[C[i][j] for j in S] + [c[i]] for i in S]
    k = len(S)
    # Gauss–Jordan in fractions (the matrices here are non-singular)
    for p in range(k):
        piv = next(r for r in range(p, k) if A[r][p] != 0)
        A[p], A[piv] = A[piv], A[p]
        for r in range(k):
            if r != p and A[r][p] != 0:
                f = A[r][p] / A[p][p]
                A[r] = [x - f * z for x, z in zip(A[r], A[p])]
    beta = [A[i][k] / A[i][i] for i in range(k)]
    return sum(b * c[i] for b, i in zip(beta, S)) / syy

p = len(items)
R2 = r2(range(p))
print('R2', R2, float(R2))
memo = {}
def R(S):
    key = tuple(sorted(S))
    if key not in memo:
        memo[key] = r2(key)
    return memo[key]
shap = {}
for j in range(p):
    others = [i for i in range(p) if i != j]
    s = F(0)
    for k in range(p):
        for S in itertools.combinations(others, k):
            w = F(math.factorial(k) * math.factorial(p - k - 1), math.factorial(p))
            s += w * (R(S + (j,)) - R(S))
    shap[items[j]] = s
assert sum(shap.values()) == R2
for it in items:
    print('shapley', it, shap[it], float(shap[it]))
for i, it in enumerate(items):
    print('pearson', it, float(c[i] / math.sqrt(C[i][i] * syy)))

# performance: each item's degree over every answer of the survey
deg = {}
for it in items:
    xs = [pts[r[it]] for r in rows if r[it]]
    deg[it] = F(sum(xs), 10 * len(xs))
    print('degree', it, len(xs), deg[it], float(deg[it]))
imp_cut = sum(shap.values()) / p
perf_cut = sum(deg.values()) / p
print('cuts', imp_cut, float(imp_cut), perf_cut, float(perf_cut))
for it in items:
    hi_i, hi_p = shap[it] >= imp_cut, deg[it] >= perf_cut
    zone = {(True, False): 'fix', (True, True): 'strength', (False, False): 'opportunity', (False, True): 'maintain'}[(hi_i, hi_p)]
    print('zone', it, zone, 'gap', perf_cut - deg[it], float(perf_cut - deg[it]))
fix = sorted([it for it in items if shap[it] >= imp_cut and deg[it] < perf_cut], key=lambda it: (-(perf_cut - deg[it]), -shap[it], it.encode()))
print('fix first', fix)

# stated importance: mean of 很重要 5 … 不重要 1 per item
ipts = {'很重要': 5, '重要': 4, '一般': 3, '不太重要': 2, '不重要': 1}
for it in items:
    xs = [ipts[r['重要度:' + it]] for r in rows if r['重要度:' + it]]
    print('stated', it, len(xs), F(sum(xs), len(xs)), float(F(sum(xs), len(xs))))

# per customer: its answers pooled; complaints; status
cust = {}
for r in rows:
    for it in items:
        if r[it]:
            cust.setdefault(r['客户'], []).append(pts[r[it]])
cdeg = {k: F(sum(v), 10 * len(v)) for k, v in cust.items()}
status = {r['客户']: r['状态'] for r in csv.DictReader(open('customers.csv', encoding='utf-8'))}
comp = {}
for r in csv.DictReader(open('complaints.csv', encoding='utf-8')):
    comp[r['客户']] = comp.get(r['客户'], 0) + 1
ids = sorted(cdeg)
print('customers', len(ids), 'presumed', sum(1 for k in ids if k not in status),
      'outside customers', sum(1 for k in status if k not in cdeg),
      'outside complaints', sum(v for k, v in comp.items() if k not in cdeg))
rho, pv = stats.spearmanr([float(cdeg[k]) for k in ids], [comp.get(k, 0) for k in ids])
print('spearman', rho, pv)
groups = {}
for k in ids:
    groups.setdefault(status.get(k, '正常'), []).append(cdeg[k])
for s in ['正常', '风险', '流失']:
    g = groups.get(s, [])
    print('status', s, len(g), sum(g) / len(g) if g else None, float(sum(g) / len(g)) if g else None)
t = stats.ttest_ind([float(x) for x in groups['正常']], [float(x) for x in groups['流失']], equal_var=False)
a, b = [float(x) for x in groups['正常']], [float(x) for x in groups['流失']]
va, vb = stats.tvar(a) / len(a), stats.tvar(b) / len(b)
print('welch', t.statistic, (va + vb) ** 2 / (va ** 2 / (len(a) - 1) + vb ** 2 / (len(b) - 1)), t.pvalue)

# overall figures for the benchmarks
allx = [pts[r[it]] for r in rows for it in items if r[it]]
od = F(sum(allx), 10 * len(allx))
orate = F(sum(1 for x in allx if x >= 6), len(allx))  # 基本满意 or above counts as satisfied
print('overall degree', od, float(od), 'gaps', float(od - F(75, 100)), float(od - F(85, 100)), float(od - F(90, 100)))
print('overall rate', orate, float(orate), 'gaps', float(orate - F(80, 100)), float(orate - F(90, 100)), float(orate - F(95, 100)))
print('品质 degree gaps', float(deg['品质'] - F(78, 100)), float(deg['品质'] - F(88, 100)))
