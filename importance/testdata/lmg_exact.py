# Exact LMG (general dominance) on R's attitude data, with Python's fractions.
import csv, itertools, math
from fractions import Fraction as F
rows=list(csv.DictReader(open("attitude.csv")))
names=["complaints","privileges","learning","raises","critical","advance"]
cols=names+["rating"]
data=[[F(r[c]) for c in cols] for r in rows]
n=len(data); p=6
def cov(i,j):
    sx=sum(d[i] for d in data); sy=sum(d[j] for d in data); sxy=sum(d[i]*d[j] for d in data)
    return (sxy - sx*sy/n)/(n-1)
C=[[cov(i,j) for j in range(p+1)] for i in range(p+1)]
def solve(A,b):
    k=len(A); M=[row[:]+[b[i]] for i,row in enumerate(A)]
    for c in range(k):
        piv=next(r for r in range(c,k) if M[r][c]!=0); M[c],M[piv]=M[piv],M[c]
        for r in range(k):
            if r!=c and M[r][c]!=0:
                f=M[r][c]/M[c][c]; M[r]=[a-f*bb for a,bb in zip(M[r],M[c])]
    return [M[i][k]/M[i][i] for i in range(k)]
memo={}
def r2(S):
    S=tuple(sorted(S))
    if S in memo: return memo[S]
    if not S: return F(0)
    c=[C[i][p] for i in S]; A=[[C[i][j] for j in S] for i in S]
    x=solve(A,c); v=sum(a*b for a,b in zip(c,x))/C[p][p]; memo[S]=v; return v
def dec(f,places=20):
    q=f*10**places; r=(abs(q.numerator)*2+q.denominator)//(2*q.denominator)
    s=str(r).rjust(places+1,"0"); return ("-" if f<0 else "")+s[:-places]+"."+s[-places:]
R2=r2(range(p)); print("R2", R2, dec(R2))
tot=F(0)
for j in range(p):
    o=[k for k in range(p) if k!=j]; s=F(0)
    for k in range(p):
        for S in itertools.combinations(o,k):
            s+=F(math.factorial(k)*math.factorial(p-k-1),math.factorial(p))*(r2(S+(j,))-r2(S))
    tot+=s
    print(names[j], dec(s), s.denominator.bit_length())
print("sum == R2:", tot==R2)
