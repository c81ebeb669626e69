#!/usr/bin/python3
"""Reference quantiles for internal/mathx's tests, computed with mpmath.

    cd internal/mathx && /usr/bin/python3 testdata/mpref.py

writes
  testdata/mpmath_quantiles.txt  every (p, df) of the sweep grid (read from
                                 testdata/old_quantiles.txt) to 45 decimals;
  mpref_test.go                  a table of the quantiles csat's callers ask
                                 for (28 places for t, 24 and 28 for z), rounded
                                 half away from zero, written into a test.

Student's t quantile: the root of Q(t) = 1 - p, Q the upper tail,
Q(t) = 1/2 I_x(df/2, 1/2) with x = df/(df+t^2) (or, when y = t^2/(df+t^2) is
the smaller, 1/2 - 1/2 I_y(1/2, df/2)), by mpmath's betainc at 80 digits and
bisection and Newton's method (mpmath's loggamma for the density); the
normal quantile is the root of erfc(z/sqrt 2)/2 = 1 - p by Newton's method
from sqrt(2) erfinv(2p - 1). Each value is computed twice, at 80 and 100
digits, and the two must agree to 60 significant digits.
"""
import multiprocessing
import sys
from decimal import Decimal, ROUND_HALF_UP, getcontext

import mpmath as mp

getcontext().prec = 400
DECIMALS = 45


def upper_tail(t, df):
    t2 = t * t
    x = df / (df + t2)
    y = t2 / (df + t2)
    a = df / 2
    if y < x:
        return mp.mpf(1) / 2 - mp.betainc(mp.mpf(1) / 2, a, 0, y, regularized=True) / 2
    return mp.betainc(a, mp.mpf(1) / 2, 0, x, regularized=True) / 2


def t_density(t, df):
    c = mp.loggamma((df + 1) / 2) - mp.loggamma(df / 2) - mp.log(df * mp.pi) / 2
    return mp.exp(c) * mp.power(1 + t * t / df, -(df + 1) / 2)


def complement(p):
    """1 - p exactly (p a decimal string), for the binary p loses q's digits."""
    return str(Decimal(1) - Decimal(p))


def tq(p, df):
    if Decimal(p) < Decimal('0.5'):
        return -tq(complement(p), df)
    q, df = mp.mpf(complement(p)), mp.mpf(df)
    hi = mp.mpf(1)
    while upper_tail(hi, df) > q:
        hi *= 4
    lo = mp.mpf(0)
    # bisection to a bracket of relative width 1e-12, then Newton's method
    while hi - lo > hi * mp.mpf(10) ** -12:
        mid = (lo + hi) / 2
        if upper_tail(mid, df) > q:
            lo = mid
        else:
            hi = mid
    return newton(lambda t: upper_tail(t, df) - q, lambda t: -t_density(t, df), (lo + hi) / 2)


def newton(g, dg, x):
    for _ in range(30):
        step = g(x) / dg(x)
        x -= step
        if abs(step) <= abs(x) * mp.mpf(10) ** (-mp.mp.dps + 8):
            return x
    raise SystemExit('no convergence')


def zq(p):
    if Decimal(p) < Decimal('0.5'):
        return -zq(complement(p))
    q = mp.mpf(complement(p))
    z0 = mp.sqrt(2) * mp.erfinv(1 - 2 * q)
    # the upper tail q = erfc(z/sqrt 2)/2 keeps its digits where 2p - 1 does not
    return newton(lambda z: mp.erfc(z / mp.sqrt(2)) / 2 - q, lambda z: -mp.npdf(z), z0)


def value(key):
    fn, p, df = key
    out = []
    for dps in (80, 100):
        with mp.workdps(dps):
            v = tq(p, df) if fn == 't' else zq(p)
            out.append(Decimal(mp.nstr(v, dps - 10, strip_zeros=False)))
    if abs(out[0] - out[1]) > abs(out[1]) * Decimal(10) ** -60:
        raise SystemExit("unstable reference for %s: %s vs %s" % (key, out[0], out[1]))
    return key, out[1]


def rounded(v, places):
    r = v.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return '0' if r == 0 else format(r.normalize(), 'f')


# The quantiles callers ask for: p = 1 - (1 - level)/2 for the levels 0.8,
# 0.9, 0.95, 0.99 and 0.999, df = n - 1 at 28 places (csat.DegreeInterval,
# importance), z at 24 places (TwoSidedZ) and 28.
CALLER_P = ['0.9', '0.95', '0.975', '0.995', '0.9995']
CALLER_DF = ['1', '2', '3', '4', '5', '9', '10', '29', '30', '49', '99', '100', '199', '1000',
             '123456', '1000000', '1000000000000', '999999999999999999',
             '18446744073709551615', '7.688396756082345601996257018091079226450405489707']
CALLER_ZP = ['0.9', '0.95', '0.975', '0.995', '0.9995', '0.999999', '0.8']
# Far tails, large and small places, df below 1 (fn, p, df, places).
EDGES = [
    ('t', '0.999999999999999999999999999999', '4', 28), ('t', '0.999999999999999999999999999999', '1', 28),
    ('t', '0.9999999999', '1000000', 28), ('t', '0.75', '1', 28), ('t', '0.9', '0.1', 12), ('t', '0.99', '0.5', 28),
    ('t', '0.975', '10', 0), ('t', '0.975', '10', 1), ('t', '0.975', '10', 60), ('t', '0.975', '18446744073709551615', 60),
    ('t', '0.0000000001', '3', 28), ('t', '0.97500000000000000000000000000000000001', '30', 40),
    ('z', '0.999999999999999999999999999999', '-', 28), ('z', '0.99999999999999999999999999999999999999999999999999', '-', 28),
    ('z', '0.975', '-', 60), ('z', '0.0000000001', '-', 24), ('z', '0.975', '-', 0),
]


def main():
    grid = []
    seen = set()
    for line in open('testdata/old_quantiles.txt'):
        fn, p, df, _places, _v = line.split()
        if (fn, p, df) not in seen:
            seen.add((fn, p, df))
            grid.append((fn, p, df))
    extra = [('t', p, df) for df in CALLER_DF for p in CALLER_P] + [('z', p, '-') for p in CALLER_ZP]
    edges = [e[:3] for e in EDGES]
    todo = grid + [k for k in extra + edges if k not in seen]
    with multiprocessing.Pool(2) as pool:
        vals = dict(pool.map(value, todo, chunksize=8))
    with open('testdata/mpmath_quantiles.txt', 'w') as f:
        for k in grid:
            f.write('%s %s %s %s\n' % (k[0], k[1], k[2], rounded(vals[k], DECIMALS)))
    with open('mpref_test.go', 'w') as f:
        f.write('// Code generated by testdata/mpref.py; DO NOT EDIT.\n\npackage mathx\n\n')
        f.write('// mprefCases are quantiles computed with mpmath (testdata/mpref.py),\n')
        f.write('// rounded half away from zero: t at 28 places, z at 24 and 28, and\n')
        f.write('// far tails, places from 0 to 60, df below 1.\n')
        f.write('var mprefCases = []struct {\n\tfn, p, df string\n\tplaces    int32\n\twant      string\n}{\n')
        cases = [(k, places) for k in extra for places in ([28] if k[0] == 't' else [24, 28])]
        cases += [(e[:3], e[3]) for e in EDGES]
        for k, places in cases:
            f.write('\t{"%s", "%s", "%s", %d, "%s"},\n' % (k[0], k[1], k[2], places, rounded(vals[k], places)))
        f.write('}\n')
    print('%d grid values, %d caller cases' % (len(grid), len(extra)), file=sys.stderr)


if __name__ == '__main__':
    main()
