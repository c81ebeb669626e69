# Independent check of csi's Example (example_test.go): ACSI by PLS (path
# weighting, Mode A, tolerance 1e-7 on max |Δw|) in base R on the 300 forms
# the example generates, blanks replaced by the column mean.
d <- read.csv("/tmp/acsi300.csv")
for (c in names(d)) d[is.na(d[,c]), c] <- mean(d[,c], na.rm=TRUE)
blocks <- list(Expectation=paste0("EXPE",1:3), Quality=paste0("QUAL",1:3), Value=paste0("VALU",1:2),
  Satisfaction=paste0("SATI",1:3), Complaints="COMP1", Loyalty=paste0("LOYA",1:2))
lv <- names(blocks); J <- length(lv)
P <- matrix(0,J,J,dimnames=list(lv,lv))
ed <- rbind(c("Expectation","Quality"),c("Expectation","Value"),c("Expectation","Satisfaction"),c("Quality","Value"),
 c("Quality","Satisfaction"),c("Value","Satisfaction"),c("Satisfaction","Complaints"),c("Satisfaction","Loyalty"),c("Complaints","Loyalty"))
for (i in 1:nrow(ed)) P[ed[i,1],ed[i,2]] <- 1
R <- cor(as.matrix(d[, unlist(blocks)]))
W <- lapply(blocks, function(b) { w <- rep(1,length(b)); names(w)<-b; w/sqrt(drop(t(w)%*%R[b,b,drop=FALSE]%*%w)) })
C <- matrix(0,J,J,dimnames=list(lv,lv))
for (it in 1:300) {
  for (a in lv) for (b in lv) C[a,b] <- drop(t(W[[a]]) %*% R[blocks[[a]],blocks[[b]],drop=FALSE] %*% W[[b]])
  E <- matrix(0,J,J,dimnames=list(lv,lv))
  for (j in lv) { pred <- lv[P[,j]==1]; if (length(pred)>0) E[pred,j] <- solve(C[pred,pred,drop=FALSE], C[pred,j]); succ <- lv[P[j,]==1]; E[succ,j] <- C[succ,j] }
  Wn <- W
  for (j in lv) { b <- blocks[[j]]; w <- rep(0,length(b))
    for (k in lv) if (E[k,j]!=0) w <- w + E[k,j]*(R[b,blocks[[k]],drop=FALSE] %*% W[[k]])
    w <- drop(w); names(w) <- b; Wn[[j]] <- w/sqrt(drop(t(w)%*%R[b,b,drop=FALSE]%*%w)) }
  ch <- max(abs(unlist(Wn)-unlist(W))); W <- Wn; if (ch < 1e-7) break }
for (a in lv) for (b in lv) C[a,b] <- drop(t(W[[a]]) %*% R[blocks[[a]],blocks[[b]],drop=FALSE] %*% W[[b]])
pred <- lv[P[,"Satisfaction"]==1]; beta <- solve(C[pred,pred], C[pred,"Satisfaction"])
cat(sprintf("%s -> Satisfaction %.3f\n", pred, beta)); cat(sprintf("R2 %.3f\n", sum(beta*C[pred,"Satisfaction"])))
b <- blocks$Satisfaction; a <- W$Satisfaction / apply(d[,b], 2, sd); a <- a/sum(a)
cat(sprintf("satisfaction index %.1f\n", sum(a * (colMeans(d[,b]) - 1)/9*100)))
cat("VALU2 blanks", sum(is.na(read.csv("/tmp/acsi300.csv")$VALU2)), "\n")
