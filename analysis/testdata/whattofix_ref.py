#!/usr/bin/python3
# The independent reference of analysis/churn_test.go TestChurnWorkedExample
# (the worked example of doc.go, "What to fix first"): exact fractions for the
# ranks, means and variances; mpmath at 50 digits for the roots and the
# incomplete beta function. Run: /usr/bin/python3 analysis/testdata/whattofix_ref.py
# Independent high-precision reference for the worked example's churn figures (mpmath, 50 digits).
from fractions import Fraction as F
import mpmath as mp
mp.mp.dps = 50
rows=[56,54,52,54,50,52,46,44,40,42,38,44]
comp=[0,0,1,0,0,1,2,3,1,2,4,2]
status=['active']*6+['at_risk']+['lost']*5
deg=[F(r,60) for r in rows]
def ranks(v):
    s=sorted(range(len(v)),key=lambda i:v[i]); r=[None]*len(v); i=0
    while i<len(s):
        j=i
        while j+1<len(s) and v[s[j+1]]==v[s[i]]: j+=1
        for k in range(i,j+1): r[s[k]]=F(i+j+2,2)
        i=j+1
    return r
rx,ry=ranks(deg),ranks(comp); n=len(rx); m=F(n+1,2)
sxy=sum((a-m)*(b-m) for a,b in zip(rx,ry)); sxx=sum((a-m)**2 for a in rx); syy=sum((b-m)**2 for b in ry)
rho2=sxy**2/(sxx*syy)
rho=-mp.sqrt(mp.mpf(rho2.numerator)/rho2.denominator)
t2=rho2*(n-2)/(1-rho2)
t=-mp.sqrt(mp.mpf(t2.numerator)/t2.denominator)
df=n-2
p=mp.betainc(mp.mpf(df)/2, mp.mpf(1)/2, 0, mp.mpf((1-rho2).numerator)/(1-rho2).denominator, regularized=True)
print("rho2", rho2); print("rho", mp.nstr(rho,25)); print("t", mp.nstr(t,25)); print("p", mp.nstr(p,25))
act=[d for d,s in zip(deg,status) if s=='active']; lost=[d for d,s in zip(deg,status) if s=='lost']
def mv(x):
    n=len(x); mean=sum(x)/n; s2=sum((v-mean)**2 for v in x)/(n-1); return mean, s2/n, n
m1,v1,n1=mv(act); m2,v2,n2=mv(lost)
v=v1+v2; tt2=(m1-m2)**2/v; dfr=v*v/(v1*v1/(n1-1)+v2*v2/(n2-1))
tw=mp.sqrt(mp.mpf(tt2.numerator)/tt2.denominator)
dfw=mp.mpf(dfr.numerator)/dfr.denominator
pw=mp.betainc(dfw/2, mp.mpf(1)/2, 0, dfw/(dfw+tw**2), regularized=True)
se=mp.sqrt(mp.mpf(v.numerator)/v.denominator)
print("means", m1, m2, "diff", m1-m2)
print("welch t", mp.nstr(tw,25), "df", dfr, mp.nstr(dfw,25), "p", mp.nstr(pw,25), "se", mp.nstr(se,25))
