# Generates testdata/drivers: a survey tool's wide export with an overall
# question and stated importance, the customers' status, their complaints
# and benchmarks. Deterministic (seeded); run with /usr/bin/python3 from
# this directory. The figures the tests assert are computed from these
# files independently by expected.py, not by this script.
import csv, random

random.seed(20261205)
items = ['品质', '交货', '服务', '价格', '技术支持', '包装']
weight = {'品质': 1.0, '交货': 0.8, '服务': 0.7, '价格': 0.5, '技术支持': 0.6, '包装': 0.2}
shift = {'品质': 0.5, '交货': -0.3, '服务': 0.2, '价格': -0.6, '技术支持': 0.0, '包装': 0.7}
levels = {5: '很满意', 4: '满意', 3: '基本满意', 2: '不满意', 1: '很不满意'}
imp_levels = {5: '很重要', 4: '重要', 3: '一般', 2: '不太重要', 1: '不重要'}
imp_mean = {'品质': 4.5, '交货': 4.2, '服务': 3.8, '价格': 4.4, '技术支持': 3.2, '包装': 2.6}
regions = ['华东', '华南', '华北']

def clip(x):
    return max(1, min(5, int(round(x))))

customers = ['C%03d' % i for i in range(1, 51)]
latent = {c: random.gauss(0, 1) for c in customers}
rows = []
n = 0
for c in customers:
    region = regions[int(c[1:]) % 3]
    for k in range(3):
        n += 1
        f = {'期间': '2026H1', '表单编号': 'F%04d' % n, '提交时间': '2026-05-%02d 10:%02d' % (1 + n % 28, n % 60), '客户': c, '地区': region}
        pts = {}
        for it in items:
            v = clip(3.4 + shift[it] + weight[it] * latent[c] + random.gauss(0, 0.8))
            pts[it] = v
            f[it] = '' if random.random() < 0.05 else levels[v]
        ov = clip(3.2 + sum(weight[it] * (pts[it] - 3) for it in items) / 2.5 + random.gauss(0, 0.6))
        f['总体满意度'] = '' if random.random() < 0.03 else levels[ov]
        for it in items:
            f['重要度:' + it] = '' if random.random() < 0.1 else imp_levels[clip(imp_mean[it] + random.gauss(0, 0.7))]
        rows.append(f)

head = ['期间', '表单编号', '提交时间', '客户', '地区'] + items + ['总体满意度'] + ['重要度:' + it for it in items]
with open('answers.csv', 'w', newline='', encoding='utf-8') as fh:
    w = csv.DictWriter(fh, head, lineterminator='\n')
    w.writeheader()
    w.writerows(rows)

# status: the 8 least satisfied customers lost, the next 7 at risk, three
# of the rest without a status row (counted active), two customers with a
# status who returned no form (outside the figures)
order = sorted(customers, key=lambda c: latent[c])
status = {}
for i, c in enumerate(order):
    status[c] = '流失' if i < 8 else '风险' if i < 15 else '正常'
with open('customers.csv', 'w', newline='', encoding='utf-8') as fh:
    w = csv.writer(fh, lineterminator='\n')
    w.writerow(['客户', '状态'])
    for c in customers:
        if c in ('C010', 'C020', 'C030'):
            continue
        w.writerow([c, status[c]])
    w.writerow(['C900', '流失'])
    w.writerow(['C901', '正常'])

outcomes = ['handled_very_satisfied', 'handled_satisfied', 'handled_basically_satisfied', 'handled_not_very_satisfied', 'handled_dissatisfied']
with open('complaints.csv', 'w', newline='', encoding='utf-8') as fh:
    w = csv.writer(fh, lineterminator='\n')
    w.writerow(['编号', '客户', '收到', '首次响应', '解决', '结果'])
    k = 0
    for c in customers + ['C900']:
        lam = 1.2 * max(0.0, 0.6 - latent.get(c, -1.5))
        m = sum(1 for _ in range(6) if random.random() < lam / 6)
        for _ in range(m):
            k += 1
            day = 1 + k % 27
            w.writerow(['K%03d' % k, c, '2026-03-%02d 09:00' % day, '2026-03-%02d 11:00' % day, '2026-03-%02d 17:00' % day, random.choice(outcomes)])

with open('benchmarks.csv', 'w', newline='', encoding='utf-8') as fh:
    fh.write('指标,项目,行业平均,行业领先,世界领先\n满意度,,75%,85%,90%\n满意率,,80%,90%,95%\n满意度,品质,0.78,0.88,\n')
