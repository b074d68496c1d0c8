# An independent implementation of docs/MODEL.md's loss forms (pact-v1, pact-v2, pact-v3):
# recomputes every epoch's loss of a plan from the scenario file and prints the worst
# relative difference from the loss pact wrote. Usage: model_page_loss.py SCENARIO PLAN
import json, math, sys
sc = json.load(open(sys.argv[1])); plan = json.load(open(sys.argv[2]))
m, t, L = sc["model"], sc["training"], sc["loss"]
levels = m["pruningLevels"]; init = t["initialLoss"]
E = t.get("localEpochs", 1); B = t.get("batchSize", 32)
ids = {n["id"]: n for n in sc["nodes"]}
hists = [n["labelHistogram"] for n in sc["nodes"]]
C = len(hists[0]); tot = [sum(h[c] for h in hists) for c in range(C)]; q = [x / sum(tot) for x in tot]
form = L.get("model", "pact-v1")
def ex(k, d): return L.get(k, d)
def floor(r): return L["floor"] + L["floorGrowth"] * (1 / r - 1) ** L["floorExponent"]
def step(x, rho, kappa):
    c = 0 if abs(1 - kappa) < 1e-9 else 1 - kappa
    f = math.exp(-rho)
    if c == 0 or x == 0: return x * f
    if f == 1: return x
    b = abs(x) ** c - c * rho
    if c > 0: mv = b ** (1 / c) if b > 0 else 0
    else: mv = b ** (1 / c) if math.isfinite(b) else 0
    return mv if x > 0 else -mv
l, jp = init, 0; worst = 0
for ep in plan["epochs"]:
    j = ep["level"]; r = levels[j]; rp = levels[jp]
    S = [ids[i] for i in ep["nodes"]]
    if j > jp:
        gap = max(0, 1 / r - 1 / rp)
        if form == "pact-v1": l += min(1, L["pruneShock"] * math.log(rp / r)) * max(0, init - l)
        elif form == "pact-v2":
            s = min(1, max(0, 1 - math.exp(-L["pruneShock"] * gap ** ex("shockExponent", 1))))
            l += s * max(0, init - l)
        else: l += max(0, L["pruneShock"] * gap ** ex("shockExponent", 1))
    d = [n["samples"] for n in S]; st = [E * math.ceil(x / B) for x in d]
    u = sum(a * b for a, b in zip(d, st)) / sum(d)
    h = [sum(n["labelHistogram"][c] for n in S) for c in range(C)]; ht = sum(h)
    delta = 0.5 * sum(abs(h[c] / ht - q[c]) for c in range(C))
    qexp = 1 if form == "pact-v1" else ex("skewExponent", 1)
    sk = delta ** qexp if delta > 0 else 0
    rho = L["rate"] * r ** L["remainingExponent"] * u ** L["stepsExponent"] * max(0, 1 - L["skewPenalty"] * sk)
    li = floor(r)
    if form == "pact-v1": kappa = 1
    elif form == "pact-v2": kappa = ex("curvature", 1)
    else: kappa = max(0.05, ex("curvature", 1) + ex("curvatureSlope", 0) * (1 - r))
    l = li + step(l - li, rho, kappa); jp = j
    worst = max(worst, abs(l - ep["loss"]) / abs(ep["loss"]))
print(form, len(plan["epochs"]), worst)
sys.exit(0 if worst < 1e-9 else 1)
