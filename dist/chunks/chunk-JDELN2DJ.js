import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  MANIFEST_FILE,
  REPORT_FILE,
  ROSTER_FILE,
  restoreCell
} from "./chunk-A6U6MA56.js";
import {
  findingId
} from "./chunk-UBDJSMVH.js";
import {
  writeFileAtomic
} from "./chunk-L45OQZPI.js";
import {
  describeValue,
  loadPolicyFile,
  readPolicyYaml
} from "./chunk-2OMYLHX3.js";
import {
  SEVERITIES,
  reachesFailOn
} from "./chunk-44ZEGOLS.js";
import {
  maskEmail,
  maskName,
  replaceEmails,
  withoutPersonalData
} from "./chunk-O3RGELUA.js";
import {
  DEFAULT_REPORT_PATH,
  inWorkspace,
  shouldRedact
} from "./chunk-WJCLWKAL.js";
import {
  nearest
} from "./chunk-5PL237VK.js";
import {
  TOOL_VERSION
} from "./chunk-47HB3AU5.js";
import {
  ConfigurationError,
  PolicyError
} from "./chunk-GIX45REK.js";
import {
  inlineMarkdown,
  inlinePlain
} from "./chunk-Y7PV46DD.js";

// src/fleet/file.ts
import { open, realpath } from "node:fs/promises";
import path from "node:path";
var DEFAULT_FLEET_PATH = ".github/servicetitan-fleet.yml";
var TENANT_NAME_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
var MAX_MATRIX_TENANTS = 256;
var MAX_TENANTS = 5e3;
var MAX_FLEET_BYTES = 1048576;
var TOP_KEYS = ["version", "tenants"];
var TENANT_KEYS = ["name", "policy", "environment"];
var ENVIRONMENTS = ["production", "integration"];
var FleetFileError = class extends ConfigurationError {
  constructor(issues) {
    super(
      issues[0]?.code ?? "fleet.invalid-value",
      `The fleet file is invalid (${issues.length} problem${issues.length === 1 ? "" : "s"}):
` + issues.map(
        (i) => `  ${i.file}:${i.line}:${i.column} ${i.message} [${i.code}]${i.hint ? ` (${i.hint})` : ""}`
      ).join("\n"),
      "Fix the lines above; `st-access-guard fleet matrix` checks the fleet file and every tenant policy without credentials."
    );
    this.issues = issues;
  }
  issues;
};
function secretSuffix(name) {
  return name.toUpperCase().replace(/-/g, "_");
}
async function loadFleetFile(file, display, options) {
  const text = await readBounded(file, display, options.workspace);
  return parseFleet(text, display, options.defaultPolicy);
}
function parseFleet(text, display, defaultPolicy) {
  const read = readPolicyYaml(text, display);
  if (!read.ok) {
    throw new FleetFileError(
      read.issues.map((i) => ({
        ...i,
        code: "fleet.yaml-syntax",
        message: i.code === "policy.empty" ? "The fleet file is empty." : i.code === "policy.not-a-mapping" ? "The fleet file must be a mapping with `version: 1` and `tenants:`." : i.message,
        hint: i.code === "policy.empty" || i.code === "policy.not-a-mapping" ? "Start from examples/fleet.yml: `version: 1` and a list of `tenants`, each with a `name`." : i.hint ?? "Fix the YAML at the line shown."
      }))
    );
  }
  const { source } = read;
  const issues = [];
  const add = (at, code, message, hint, where = "value") => issues.push({ file: display, ...source.locate(at, where), code, message, hint });
  const doc = source.value;
  unknownKeys(doc, TOP_KEYS, [], add);
  if (doc.version === void 0) {
    add([], "fleet.missing-key", "The fleet file has no `version`.", "Add `version: 1` at the top.");
  } else if (doc.version !== 1) {
    add(
      ["version"],
      "fleet.invalid-value",
      `\`version\` is ${describeValue(doc.version)}; it must be 1.`,
      "Write `version: 1`."
    );
  }
  const tenants = [];
  if (doc.tenants === void 0) {
    add(
      [],
      "fleet.missing-key",
      "The fleet file has no `tenants`.",
      "List the tenants under `tenants:`, each with a `name`."
    );
  } else if (!Array.isArray(doc.tenants) || doc.tenants.length === 0) {
    add(
      ["tenants"],
      "fleet.no-tenants",
      `\`tenants\` is ${describeValue(doc.tenants)}; it must be a list of at least one tenant.`,
      "List the tenants under `tenants:`, each as `- name: north`."
    );
  } else if (doc.tenants.length > MAX_TENANTS) {
    add(
      ["tenants"],
      "fleet.too-many-tenants",
      `The fleet lists ${doc.tenants.length} tenants; the limit is ${MAX_TENANTS}.`,
      "Split the fleet into several fleet files."
    );
  } else {
    const seen = /* @__PURE__ */ new Map();
    for (const [i, entry] of doc.tenants.entries()) {
      const tenant = readTenant(entry, i, source, defaultPolicy, add, seen);
      if (tenant) tenants.push(tenant);
    }
  }
  if (issues.length > 0)
    throw new FleetFileError(issues.sort((a, b) => a.line - b.line || a.column - b.column));
  return { path: display, tenants };
}
function readTenant(entry, i, source, defaultPolicy, add, seen) {
  const at = ["tenants", i];
  if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
    add(
      at,
      "fleet.invalid-value",
      `A tenant entry is ${describeValue(entry)}; it must be a mapping with a \`name\`.`,
      "Write each tenant as `- name: north` (with optional `policy:` and `environment:`)."
    );
    return null;
  }
  const tenant = entry;
  unknownKeys(tenant, TENANT_KEYS, at, add);
  let ok = true;
  const name = tenant.name;
  if (name === void 0) {
    add(
      at,
      "fleet.missing-key",
      "This tenant has no `name`.",
      "Give it a name of lower-case letters, digits and `-`, e.g. `name: north`."
    );
    ok = false;
  } else if (typeof name !== "string" || !TENANT_NAME_PATTERN.test(name)) {
    add(
      [...at, "name"],
      "fleet.invalid-name",
      `The tenant name ${describeValue(name)} is not 1 to 64 lower-case letters, digits and \`-\` (not at either end).`,
      "The name becomes part of secret, artifact and issue names: use e.g. `north` or `acme-east`."
    );
    ok = false;
  } else {
    const first = seen.get(name);
    if (first !== void 0) {
      add(
        [...at, "name"],
        "fleet.duplicate-name",
        `The tenant name \`${name}\` is also used at line ${first}.`,
        "Give each tenant its own name: names pick the secrets, artifacts and issues."
      );
      ok = false;
    } else {
      seen.set(name, source.locate([...at, "name"]).line);
    }
  }
  const policy = tenant.policy;
  if (policy !== void 0 && (typeof policy !== "string" || policy.trim() === "")) {
    add(
      [...at, "policy"],
      "fleet.invalid-value",
      `\`policy\` is ${describeValue(policy)}; it must be the path of a policy file.`,
      "Give the policy path relative to the repository root, or leave `policy` out to use the `policy` input."
    );
    ok = false;
  }
  const environment = tenant.environment ?? "production";
  if (typeof environment !== "string" || !ENVIRONMENTS.includes(environment)) {
    add(
      [...at, "environment"],
      "fleet.invalid-value",
      `\`environment\` is ${describeValue(environment)}; it must be \`production\` or \`integration\`.`,
      "Write `environment: production` (the default) or `environment: integration`."
    );
    ok = false;
  }
  if (!ok) return null;
  return {
    name,
    policy: typeof policy === "string" ? policy.trim() : defaultPolicy,
    environment,
    secretSuffix: secretSuffix(name),
    line: source.locate(at).line
  };
}
function unknownKeys(value, allowed, at, add) {
  for (const key of Object.keys(value)) {
    if (allowed.includes(key)) continue;
    const guess = nearest(key, allowed);
    add(
      [...at, key],
      "fleet.unknown-key",
      `\`${key}\` is not a key of ${at.length === 0 ? "the fleet file" : "a tenant"}.`,
      guess ? `did you mean \`${guess}\`?` : `the keys allowed here are ${allowed.map((k) => `\`${k}\``).join(", ")}`,
      "key"
    );
  }
}
async function readBounded(file, display, workspace) {
  const notFound = () => new ConfigurationError(
    "fleet.not-found",
    `The fleet file ${display} does not exist.`,
    `Create \`${DEFAULT_FLEET_PATH}\` (the default path) or set the \`fleet\` input (\`--fleet FILE\`); examples/fleet.yml is a start.`
  );
  if (workspace !== void 0) {
    let target;
    let root;
    try {
      [target, root] = await Promise.all([realpath(file), realpath(workspace)]);
    } catch {
      throw notFound();
    }
    const relative = path.relative(root, target);
    if (relative === "" || relative === ".." || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) {
      throw new ConfigurationError(
        "fleet.outside-workspace",
        `The fleet file ${display} leads outside the repository.`,
        "Keep the fleet file inside the repository, so the tenants audited are the ones reviewed."
      );
    }
  }
  let handle;
  try {
    handle = await open(file, "r");
  } catch (error) {
    const code = error.code;
    if (code === "ENOENT" || code === "ENOTDIR") throw notFound();
    throw unreadable(display, code);
  }
  try {
    if (!(await handle.stat()).isFile()) throw unreadable(display, "not a file");
    const buffer = Buffer.alloc(MAX_FLEET_BYTES + 1);
    let length = 0;
    for (; ; ) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > MAX_FLEET_BYTES) throw unreadable(display, "larger than 1 MB");
    }
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(buffer.subarray(0, length));
    } catch {
      throw unreadable(display, "not UTF-8 text");
    }
  } finally {
    await handle.close();
  }
}
function unreadable(display, why) {
  return new ConfigurationError(
    "fleet.not-readable",
    `The fleet file ${display} cannot be read (${why ?? "unknown error"}).`,
    "Point the `fleet` input (`--fleet FILE`) at the fleet YAML file."
  );
}

// src/fleet/run.ts
import { stat as stat3 } from "node:fs/promises";
import path4 from "node:path";

// src/fleet/dashboard.ts
import { createHash } from "node:crypto";

// src/fleet/rollup.ts
var MAX_PEOPLE = 2e3;
function worstFirst(a, b) {
  const errored = (t) => t.status === "error" ? 0 : 1;
  return errored(a) - errored(b) || b.counts.critical - a.counts.critical || b.counts.high - a.counts.high || b.counts.medium - a.counts.medium || b.counts.low - a.counts.low || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}
function buildFleetReport(input) {
  const tenants = [...input.runs].sort(worstFirst);
  const totals = {
    tenants: tenants.length,
    errored: tenants.filter((t) => t.status === "error").length,
    findings: 0,
    exempted: 0,
    critical: 0,
    high: 0,
    medium: 0,
    low: 0,
    users: 0
  };
  for (const t of tenants) {
    for (const key of ["findings", "exempted", "critical", "high", "medium", "low", "users"])
      totals[key] += t.counts[key];
  }
  const notes = [...input.notes ?? []];
  const redactedTenants = tenants.filter((t) => t.redacted).map((t) => t.name);
  if (redactedTenants.length > 0) {
    notes.push(
      `${redactedTenants.length} tenant report${redactedTenants.length === 1 ? " is" : "s are"} redacted (${listNames(redactedTenants)}): masked emails cannot be matched, so ${redactedTenants.length === 1 ? "its" : "their"} people are left out of the cross-tenant view. Audit the tenants with \`redact: false\` and keep their artifacts private to include them.`
    );
  }
  const fromFindings = tenants.filter((t) => t.people === "findings").map((t) => t.name);
  if (fromFindings.length > 0) {
    notes.push(
      `${fromFindings.length} tenant${fromFindings.length === 1 ? "" : "s"} gave a JSON report without an evidence pack (${listNames(fromFindings)}): only accounts with findings are compared there. Upload each tenant's \`evidence\` pack to compare everyone (locked and deactivated accounts included).`
    );
  }
  const failing = (severity) => reachesFailOn(severity, input.failOn) && (tenants.some((t) => t.counts[severity] > 0) || input.leavers.some((f) => f.severity === severity));
  const status = totals.errored > 0 ? "error" : SEVERITIES.some(failing) ? "fail" : "pass";
  return {
    version: 1,
    tool: { name: "servicetitan-access-guard", version: input.toolVersion },
    mode: "fleet-report",
    generatedAt: input.now.toISOString(),
    status,
    failOn: input.failOn,
    redacted: false,
    totals,
    tenants,
    findings: input.leavers,
    people: input.people.slice(0, MAX_PEOPLE),
    peopleTotal: Math.max(input.peopleTotal ?? 0, input.people.length),
    notes
  };
}
function listNames(names) {
  return names.length > 8 ? `${names.slice(0, 8).join(", ")} and ${names.length - 8} more` : names.join(", ");
}
function redactFleetReport(report) {
  return withoutPersonalData("fleet report", () => {
    const email = (e) => e === null ? null : maskEmail(e);
    const name = (n) => n === null ? null : maskName(n);
    const text = (t) => replaceEmails(t, maskEmail);
    return {
      ...report,
      redacted: true,
      tenants: report.tenants.map((t) => ({
        ...t,
        errors: t.errors.map((e) => ({ ...e, message: text(e.message) }))
      })),
      findings: report.findings.map((f) => ({
        ...f,
        message: text(f.message),
        person: { ...f.person, email: email(f.person.email), name: name(f.person.name) }
      })),
      people: report.people.map((p) => ({
        ...p,
        key: p.email !== null ? `email:${maskEmail(p.email)}` : p.key,
        email: email(p.email),
        name: name(p.name)
      }))
    };
  });
}
function renderFleetJson(report) {
  return JSON.stringify(report, null, 2) + "\n";
}
function trendSeries(lines) {
  const sorted = [...lines].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const series = {
    at: [],
    critical: [],
    high: [],
    medium: [],
    low: []
  };
  for (const line of sorted) {
    series.at.push(Math.floor(Date.parse(line.at) / 1e3));
    for (const severity of SEVERITIES) {
      let sum = 0;
      for (const counts of Object.values(line.tenants)) sum += counts[severity];
      series[severity].push(sum);
    }
  }
  return series;
}

// src/fleet/uplot-assets.ts
function uplotAssets() {
  return { "script": '/*! https://github.com/leeoniya/uPlot (v1.6.32) */\nvar uPlot=function(){"use strict";const l="u-off",e="u-label",t="width",n="height",i="top",o="bottom",s="left",r="right",u="#000",a=u+"0",f="mousemove",c="mousedown",h="mouseup",d="mouseenter",p="mouseleave",m="dblclick",g="change",x="dppxchange",w="--",_="undefined"!=typeof window,b=_?document:null,v=_?window:null,k=_?navigator:null;let y,M;function S(l,e){if(null!=e){let t=l.classList;!t.contains(e)&&t.add(e)}}function T(l,e){let t=l.classList;t.contains(e)&&t.remove(e)}function E(l,e,t){l.style[e]=t+"px"}function z(l,e,t,n){let i=b.createElement(l);return null!=e&&S(i,e),null!=t&&t.insertBefore(i,n),i}function D(l,e){return z("div",l,e)}const P=new WeakMap;function A(e,t,n,i,o){let s="translate("+t+"px,"+n+"px)";s!=P.get(e)&&(e.style.transform=s,P.set(e,s),0>t||0>n||t>i||n>o?S(e,l):T(e,l))}const W=new WeakMap;function Y(l,e,t){let n=e+t;n!=W.get(l)&&(W.set(l,n),l.style.background=e,l.style.borderColor=t)}const C=new WeakMap;function H(l,e,t,n){let i=e+""+t;i!=C.get(l)&&(C.set(l,i),l.style.height=t+"px",l.style.width=e+"px",l.style.marginLeft=n?-e/2+"px":0,l.style.marginTop=n?-t/2+"px":0)}const F={passive:!0},R={...F,capture:!0};function G(l,e,t,n){e.addEventListener(l,t,n?R:F)}function I(l,e,t){e.removeEventListener(l,t,F)}function L(l,e,t,n){let i;t=t||0;let o=2147483647>=(n=n||e.length-1);for(;n-t>1;)i=o?t+n>>1:sl((t+n)/2),l>e[i]?t=i:n=i;return l-e[t]>e[n]-l?n:t}function O(l){return(e,t,n)=>{let i=-1,o=-1;for(let o=t;n>=o;o++)if(l(e[o])){i=o;break}for(let i=n;i>=t;i--)if(l(e[i])){o=i;break}return[i,o]}}_&&function l(){let e=devicePixelRatio;y!=e&&(y=e,M&&I(g,M,l),M=matchMedia(`(min-resolution: ${y-.001}dppx) and (max-resolution: ${y+.001}dppx)`),G(g,M,l),v.dispatchEvent(new CustomEvent(x)))}();const N=l=>null!=l,j=l=>null!=l&&l>0,U=O(N),V=O(j);function B(l,e,t,n){let i=hl(l),o=hl(e);l==e&&(-1==i?(l*=t,e/=t):(l/=t,e*=t));let s=10==t?dl:pl,r=1==o?ul:sl,u=(1==i?sl:ul)(s(ol(l))),a=r(s(ol(e))),f=cl(t,u),c=cl(t,a);return 10==t&&(0>u&&(f=Al(f,-u)),0>a&&(c=Al(c,-a))),n||2==t?(l=f*i,e=c*o):(l=Pl(l,f),e=Dl(e,c)),[l,e]}function $(l,e,t,n){let i=B(l,e,t,n);return 0==l&&(i[0]=0),0==e&&(i[1]=0),i}const J=.1,q={mode:3,pad:J},K={pad:0,soft:null,mode:0},X={min:K,max:K};function Z(l,e,t,n){return Ol(t)?ll(l,e,t):(K.pad=t,K.soft=n?0:null,K.mode=n?3:0,ll(l,e,X))}function Q(l,e){return null==l?e:l}function ll(l,e,t){let n=t.min,i=t.max,o=Q(n.pad,0),s=Q(i.pad,0),r=Q(n.hard,-gl),u=Q(i.hard,gl),a=Q(n.soft,gl),f=Q(i.soft,-gl),c=Q(n.mode,0),h=Q(i.mode,0),d=e-l,p=dl(d),m=fl(ol(l),ol(e)),g=dl(m),x=ol(g-p);(1e-24>d||x>10)&&(d=0,0!=l&&0!=e||(d=1e-24,2==c&&a!=gl&&(o=0),2==h&&f!=-gl&&(s=0)));let w=d||m||1e3,_=dl(w),b=cl(10,sl(_)),v=Al(Pl(l-w*(0==d?0==l?.1:1:o),b/10),24),k=a>l||1!=c&&(3!=c||v>a)&&(2!=c||a>v)?gl:a,y=fl(r,k>v&&l>=k?k:al(k,v)),M=Al(Dl(e+w*(0==d?0==e?.1:1:s),b/10),24),S=e>f||1!=h&&(3!=h||f>M)&&(2!=h||M>f)?-gl:f,T=al(u,M>S&&S>=e?S:fl(S,M));return y==T&&0==y&&(T=100),[y,T]}const el=new Intl.NumberFormat(_?k.language:"en-US"),tl=l=>el.format(l),nl=Math,il=nl.PI,ol=nl.abs,sl=nl.floor,rl=nl.round,ul=nl.ceil,al=nl.min,fl=nl.max,cl=nl.pow,hl=nl.sign,dl=nl.log10,pl=nl.log2,ml=(l,e=1)=>nl.asinh(l/e),gl=1/0;function xl(l){return 1+(0|dl((l^l>>31)-(l>>31)))}function wl(l,e,t){return al(fl(l,e),t)}function _l(l){return"function"==typeof l}function bl(l){return _l(l)?l:()=>l}const vl=l=>l,kl=(l,e)=>e,yl=()=>null,Ml=()=>!0,Sl=(l,e)=>l==e,Tl=/\\.\\d*?(?=9{6,}|0{6,})/gm,El=l=>{if(Il(l)||Wl.has(l))return l;const e=""+l,t=e.match(Tl);if(null==t)return l;let n=t[0].length-1;if(-1!=e.indexOf("e-")){let[l,t]=e.split("e");return+`${El(l)}e${t}`}return Al(l,n)};function zl(l,e){return El(Al(El(l/e))*e)}function Dl(l,e){return El(ul(El(l/e))*e)}function Pl(l,e){return El(sl(El(l/e))*e)}function Al(l,e=0){if(Il(l))return l;let t=10**e;return rl(l*t*(1+Number.EPSILON))/t}const Wl=new Map;function Yl(l){return((""+l).split(".")[1]||"").length}function Cl(l,e,t,n){let i=[],o=n.map(Yl);for(let s=e;t>s;s++){let e=ol(s),t=Al(cl(l,s),e);for(let r=0;n.length>r;r++){let u=10==l?+`${n[r]}e${s}`:n[r]*t,a=(0>s?e:0)+(o[r]>s?o[r]:0),f=10==l?u:Al(u,a);i.push(f),Wl.set(f,a)}}return i}const Hl={},Fl=[],Rl=[null,null],Gl=Array.isArray,Il=Number.isInteger;function Ll(l){return"string"==typeof l}function Ol(l){let e=!1;if(null!=l){let t=l.constructor;e=null==t||t==Object}return e}function Nl(l){return null!=l&&"object"==typeof l}const jl=Object.getPrototypeOf(Uint8Array),Ul="__proto__";function Vl(l,e=Ol){let t;if(Gl(l)){let n=l.find((l=>null!=l));if(Gl(n)||e(n)){t=Array(l.length);for(let n=0;l.length>n;n++)t[n]=Vl(l[n],e)}else t=l.slice()}else if(l instanceof jl)t=l.slice();else if(e(l)){t={};for(let n in l)n!=Ul&&(t[n]=Vl(l[n],e))}else t=l;return t}function Bl(l){let e=arguments;for(let t=1;e.length>t;t++){let n=e[t];for(let e in n)e!=Ul&&(Ol(l[e])?Bl(l[e],Vl(n[e])):l[e]=Vl(n[e]))}return l}function $l(l,e,t){for(let n,i=0,o=-1;e.length>i;i++){let s=e[i];if(s>o){for(n=s-1;n>=0&&null==l[n];)l[n--]=null;for(n=s+1;t>n&&null==l[n];)l[o=n++]=null}}}const Jl="undefined"==typeof queueMicrotask?l=>Promise.resolve().then(l):queueMicrotask,ql=["January","February","March","April","May","June","July","August","September","October","November","December"],Kl=["Sunday","Monday","Tuesday","Wednesday","Thursday","Friday","Saturday"];function Xl(l){return l.slice(0,3)}const Zl=Kl.map(Xl),Ql=ql.map(Xl),le={MMMM:ql,MMM:Ql,WWWW:Kl,WWW:Zl};function ee(l){return(10>l?"0":"")+l}const te={YYYY:l=>l.getFullYear(),YY:l=>(l.getFullYear()+"").slice(2),MMMM:(l,e)=>e.MMMM[l.getMonth()],MMM:(l,e)=>e.MMM[l.getMonth()],MM:l=>ee(l.getMonth()+1),M:l=>l.getMonth()+1,DD:l=>ee(l.getDate()),D:l=>l.getDate(),WWWW:(l,e)=>e.WWWW[l.getDay()],WWW:(l,e)=>e.WWW[l.getDay()],HH:l=>ee(l.getHours()),H:l=>l.getHours(),h:l=>{let e=l.getHours();return 0==e?12:e>12?e-12:e},AA:l=>12>l.getHours()?"AM":"PM",aa:l=>12>l.getHours()?"am":"pm",a:l=>12>l.getHours()?"a":"p",mm:l=>ee(l.getMinutes()),m:l=>l.getMinutes(),ss:l=>ee(l.getSeconds()),s:l=>l.getSeconds(),fff:l=>function(l){return(10>l?"00":100>l?"0":"")+l}(l.getMilliseconds())};function ne(l,e){e=e||le;let t,n=[],i=/\\{([a-z]+)\\}|[^{]+/gi;for(;t=i.exec(l);)n.push("{"==t[0][0]?te[t[1]]:t[0]);return l=>{let t="";for(let i=0;n.length>i;i++)t+="string"==typeof n[i]?n[i]:n[i](l,e);return t}}const ie=(new Intl.DateTimeFormat).resolvedOptions().timeZone,oe=l=>l%1==0,se=[1,2,2.5,5],re=Cl(10,-32,0,se),ue=Cl(10,0,32,se),ae=ue.filter(oe),fe=re.concat(ue),ce="{YYYY}",he="\\n"+ce,de="{M}/{D}",pe="\\n"+de,me=pe+"/{YY}",ge="{aa}",xe="{h}:{mm}"+ge,we="\\n"+xe,_e=":{ss}",be=null;function ve(l){let e=1e3*l,t=60*e,n=60*t,i=24*n,o=30*i,s=365*i;return[(1==l?Cl(10,0,3,se).filter(oe):Cl(10,-3,0,se)).concat([e,5*e,10*e,15*e,30*e,t,5*t,10*t,15*t,30*t,n,2*n,3*n,4*n,6*n,8*n,12*n,i,2*i,3*i,4*i,5*i,6*i,7*i,8*i,9*i,10*i,15*i,o,2*o,3*o,4*o,6*o,s,2*s,5*s,10*s,25*s,50*s,100*s]),[[s,ce,be,be,be,be,be,be,1],[28*i,"{MMM}",he,be,be,be,be,be,1],[i,de,he,be,be,be,be,be,1],[n,"{h}"+ge,me,be,pe,be,be,be,1],[t,xe,me,be,pe,be,be,be,1],[e,_e,me+" "+xe,be,pe+" "+xe,be,we,be,1],[l,_e+".{fff}",me+" "+xe,be,pe+" "+xe,be,we,be,1]],function(e){return(r,u,a,f,c,h)=>{let d=[],p=c>=s,m=c>=o&&s>c,g=e(a),x=Al(g*l,3),w=Pe(g.getFullYear(),p?0:g.getMonth(),m||p?1:g.getDate()),_=Al(w*l,3);if(m||p){let t=m?c/o:0,n=p?c/s:0,i=x==_?x:Al(Pe(w.getFullYear()+n,w.getMonth()+t,1)*l,3),r=new Date(rl(i/l)),u=r.getFullYear(),a=r.getMonth();for(let o=0;f>=i;o++){let s=Pe(u+n*o,a+t*o,1),r=s-e(Al(s*l,3));i=Al((+s+r)*l,3),i>f||d.push(i)}}else{let o=i>c?c:i,s=_+(sl(a)-sl(x))+Dl(x-_,o);d.push(s);let p=e(s),m=p.getHours()+p.getMinutes()/t+p.getSeconds()/n,g=c/n,w=h/r.axes[u]._space;for(;s=Al(s+c,1==l?0:3),f>=s;)if(g>1){let l=sl(Al(m+g,6))%24,t=e(s).getHours()-l;t>1&&(t=-1),s-=t*n,m=(m+g)%24,.7>Al((s-d[d.length-1])/c,3)*w||d.push(s)}else d.push(s)}return d}}]}const[ke,ye,Me]=ve(1),[Se,Te,Ee]=ve(.001);function ze(l,e){return l.map((l=>l.map(((t,n)=>0==n||8==n||null==t?t:e(1==n||0==l[8]?t:l[1]+t)))))}function De(l,e){return(t,n,i,o,s)=>{let r,u,a,f,c,h,d=e.find((l=>s>=l[0]))||e[e.length-1];return n.map((e=>{let t=l(e),n=t.getFullYear(),i=t.getMonth(),o=t.getDate(),s=t.getHours(),p=t.getMinutes(),m=t.getSeconds(),g=n!=r&&d[2]||i!=u&&d[3]||o!=a&&d[4]||s!=f&&d[5]||p!=c&&d[6]||m!=h&&d[7]||d[1];return r=n,u=i,a=o,f=s,c=p,h=m,g(t)}))}}function Pe(l,e,t){return new Date(l,e,t)}function Ae(l,e){return e(l)}function We(l,e){return(t,n,i,o)=>null==o?w:e(l(n))}Cl(2,-53,53,[1]);const Ye={show:!0,live:!0,isolate:!1,mount:()=>{},markers:{show:!0,width:2,stroke:function(l,e){let t=l.series[e];return t.width?t.stroke(l,e):t.points.width?t.points.stroke(l,e):null},fill:function(l,e){return l.series[e].fill(l,e)},dash:"solid"},idx:null,idxs:null,values:[]},Ce=[0,0];function He(l,e,t,n=!0){return l=>{0==l.button&&(!n||l.target==e)&&t(l)}}function Fe(l,e,t,n=!0){return l=>{(!n||l.target==e)&&t(l)}}const Re={show:!0,x:!0,y:!0,lock:!1,move:function(l,e,t){return Ce[0]=e,Ce[1]=t,Ce},points:{one:!1,show:function(l,e){let i=l.cursor.points,o=D(),s=i.size(l,e);E(o,t,s),E(o,n,s);let r=s/-2;E(o,"marginLeft",r),E(o,"marginTop",r);let u=i.width(l,e,s);return u&&E(o,"borderWidth",u),o},size:function(l,e){return l.series[e].points.size},width:0,stroke:function(l,e){let t=l.series[e].points;return t._stroke||t._fill},fill:function(l,e){let t=l.series[e].points;return t._fill||t._stroke}},bind:{mousedown:He,mouseup:He,click:He,dblclick:He,mousemove:Fe,mouseleave:Fe,mouseenter:Fe},drag:{setScale:!0,x:!0,y:!1,dist:0,uni:null,click:(l,e)=>{e.stopPropagation(),e.stopImmediatePropagation()},_x:!1,_y:!1},focus:{dist:(l,e,t,n,i)=>n-i,prox:-1,bias:0},hover:{skip:[void 0],prox:null,bias:0},left:-10,top:-10,idx:null,dataIdx:null,idxs:null,event:null},Ge={show:!0,stroke:"rgba(0,0,0,0.07)",width:2},Ie=Bl({},Ge,{filter:kl}),Le=Bl({},Ie,{size:10}),Oe=Bl({},Ge,{show:!1}),Ne=\'12px system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif, "Apple Color Emoji", "Segoe UI Emoji", "Segoe UI Symbol", "Noto Color Emoji"\',je="bold "+Ne,Ue={show:!0,scale:"x",stroke:u,space:50,gap:5,alignTo:1,size:50,labelGap:0,labelSize:30,labelFont:je,side:2,grid:Ie,ticks:Le,border:Oe,font:Ne,lineGap:1.5,rotate:0},Ve={show:!0,scale:"x",auto:!1,sorted:1,min:gl,max:-gl,idxs:[]};function Be(l,e){return e.map((l=>null==l?"":tl(l)))}function $e(l,e,t,n,i,o,s){let r=[],u=Wl.get(i)||0;for(let l=t=s?t:Al(Dl(t,i),u);n>=l;l=Al(l+i,u))r.push(Object.is(l,-0)?0:l);return r}function Je(l,e,t,n,i){const o=[],s=l.scales[l.axes[e].scale].log,r=sl((10==s?dl:pl)(t));i=cl(s,r),10==s&&(i=fe[L(i,fe)]);let u=t,a=i*s;10==s&&(a=fe[L(a,fe)]);do{o.push(u),u+=i,10!=s||Wl.has(u)||(u=Al(u,Wl.get(i))),a>u||(a=(i=u)*s,10==s&&(a=fe[L(a,fe)]))}while(n>=u);return o}function qe(l,e,t,n,i){let o=l.scales[l.axes[e].scale].asinh,s=n>o?Je(l,e,fl(o,t),n,i):[o],r=0>n||t>0?[]:[0];return(-o>t?Je(l,e,fl(o,-n),-t,i):[o]).reverse().map((l=>-l)).concat(r,s)}const Ke=/./,Xe=/[12357]/,Ze=/[125]/,Qe=/1/,lt=(l,e,t,n)=>l.map(((l,i)=>4==e&&0==l||i%n==0&&t.test(l.toExponential()[0>l?1:0])?l:null));function et(l,e,t){let n=l.axes[t],i=n.scale,o=l.scales[i],s=l.valToPos,r=n._space,u=s(10,i),a=s(9,i)-u<r?s(7,i)-u<r?s(5,i)-u<r?Qe:Ze:Xe:Ke;if(a==Qe){let l=ol(s(1,i)-u);if(r>l)return lt(e.slice().reverse(),o.distr,a,ul(r/l)).reverse()}return lt(e,o.distr,a,1)}function tt(l,e,t){let n=l.axes[t],i=n.scale,o=n._space,s=l.valToPos,r=ol(s(1,i)-s(2,i));return o>r?lt(e.slice().reverse(),3,Ke,ul(o/r)).reverse():e}function nt(l,e,t,n){return null==n?w:null==e?"":tl(e)}const it={show:!0,scale:"y",stroke:u,space:30,gap:5,alignTo:1,size:50,labelGap:0,labelSize:30,labelFont:je,side:3,grid:Ie,ticks:Le,border:Oe,font:Ne,lineGap:1.5,rotate:0},ot={scale:null,auto:!0,sorted:0,min:gl,max:-gl},st=(l,e,t,n,i)=>i,rt={show:!0,auto:!0,sorted:0,gaps:st,alpha:1,facets:[Bl({},ot,{scale:"x"}),Bl({},ot,{scale:"y"})]},ut={scale:"y",auto:!0,sorted:0,show:!0,spanGaps:!1,gaps:st,alpha:1,points:{show:function(l,e){let{scale:t,idxs:n}=l.series[0],i=l._data[0],o=l.valToPos(i[n[0]],t,!0),s=l.valToPos(i[n[1]],t,!0);return ol(s-o)/(l.series[e].points.space*y)>=n[1]-n[0]},filter:null},values:null,min:gl,max:-gl,idxs:[],path:null,clip:null};function at(l,e,t){return t/10}const ft={time:!0,auto:!0,distr:1,log:10,asinh:1,min:null,max:null,dir:1,ori:0},ct=Bl({},ft,{time:!1,ori:1}),ht={};function dt(l){let e=ht[l];return e||(e={key:l,plots:[],sub(l){e.plots.push(l)},unsub(l){e.plots=e.plots.filter((e=>e!=l))},pub(l,t,n,i,o,s,r){for(let u=0;e.plots.length>u;u++)e.plots[u]!=t&&e.plots[u].pub(l,t,n,i,o,s,r)}},null!=l&&(ht[l]=e)),e}function pt(l,e,t){const n=l.mode,i=l.series[e],o=2==n?l._data[e]:l._data,s=l.scales,r=l.bbox;let u=o[0],a=2==n?o[1]:o[e],f=2==n?s[i.facets[0].scale]:s[l.series[0].scale],c=2==n?s[i.facets[1].scale]:s[i.scale],h=r.left,d=r.top,p=r.width,m=r.height,g=l.valToPosH,x=l.valToPosV;return 0==f.ori?t(i,u,a,f,c,g,x,h,d,p,m,kt,Mt,Tt,zt,Pt):t(i,u,a,f,c,x,g,d,h,m,p,yt,St,Et,Dt,At)}function mt(l,e){let t=0,n=0,i=Q(l.bands,Fl);for(let l=0;i.length>l;l++){let o=i[l];o.series[0]==e?t=o.dir:o.series[1]==e&&(n|=1==o.dir?1:2)}return[t,1==n?-1:2==n?1:3==n?2:0]}function gt(l,e,t,n,i){let o=l.series[e],s=l.scales[2==l.mode?o.facets[1].scale:o.scale];return-1==i?s.min:1==i?s.max:3==s.distr?1==s.dir?s.min:s.max:0}function xt(l,e,t,n,i,o){return pt(l,e,((l,e,s,r,u,a,f,c,h,d,p)=>{let m=l.pxRound;const g=0==r.ori?Mt:St;let x,w;1==r.dir*(0==r.ori?1:-1)?(x=t,w=n):(x=n,w=t);let _=m(a(e[x],r,d,c)),b=m(f(s[x],u,p,h)),v=m(a(e[w],r,d,c)),k=m(f(1==o?u.max:u.min,u,p,h)),y=new Path2D(i);return g(y,v,k),g(y,_,k),g(y,_,b),y}))}function wt(l,e,t,n,i,o){let s=null;if(l.length>0){s=new Path2D;const r=0==e?Tt:Et;let u=t;for(let e=0;l.length>e;e++){let t=l[e];if(t[1]>t[0]){let l=t[0]-u;l>0&&r(s,u,n,l,n+o),u=t[1]}}let a=t+i-u,f=10;a>0&&r(s,u,n-f/2,a,n+o+f)}return s}function _t(l,e,t,n,i,o,s){let r=[],u=l.length;for(let a=1==i?t:n;a>=t&&n>=a;a+=i)if(null===e[a]){let f=a,c=a;if(1==i)for(;++a<=n&&null===e[a];)c=a;else for(;--a>=t&&null===e[a];)c=a;let h=o(l[f]),d=c==f?h:o(l[c]),p=f-i;h=s>0||0>p||p>=u?h:o(l[p]);let m=c+i;d=0>s||0>m||m>=u?d:o(l[m]),h>d||r.push([h,d])}return r}function bt(l){return 0==l?vl:1==l?rl:e=>zl(e,l)}function vt(l){let e=0==l?kt:yt,t=0==l?(l,e,t,n,i,o)=>{l.arcTo(e,t,n,i,o)}:(l,e,t,n,i,o)=>{l.arcTo(t,e,i,n,o)},n=0==l?(l,e,t,n,i)=>{l.rect(e,t,n,i)}:(l,e,t,n,i)=>{l.rect(t,e,i,n)};return(l,i,o,s,r,u=0,a=0)=>{0==u&&0==a?n(l,i,o,s,r):(u=al(u,s/2,r/2),a=al(a,s/2,r/2),e(l,i+u,o),t(l,i+s,o,i+s,o+r,u),t(l,i+s,o+r,i,o+r,a),t(l,i,o+r,i,o,a),t(l,i,o,i+s,o,u),l.closePath())}}const kt=(l,e,t)=>{l.moveTo(e,t)},yt=(l,e,t)=>{l.moveTo(t,e)},Mt=(l,e,t)=>{l.lineTo(e,t)},St=(l,e,t)=>{l.lineTo(t,e)},Tt=vt(0),Et=vt(1),zt=(l,e,t,n,i,o)=>{l.arc(e,t,n,i,o)},Dt=(l,e,t,n,i,o)=>{l.arc(t,e,n,i,o)},Pt=(l,e,t,n,i,o,s)=>{l.bezierCurveTo(e,t,n,i,o,s)},At=(l,e,t,n,i,o,s)=>{l.bezierCurveTo(t,e,i,n,s,o)};function Wt(){return(l,e,t,n,i)=>pt(l,e,((e,o,s,r,u,a,f,c,h,d,p)=>{let m,g,{pxRound:x,points:w}=e;0==r.ori?(m=kt,g=zt):(m=yt,g=Dt);const _=Al(w.width*y,3);let b=(w.size-w.width)/2*y,v=Al(2*b,3),k=new Path2D,M=new Path2D,{left:S,top:T,width:E,height:z}=l.bbox;Tt(M,S-v,T-v,E+2*v,z+2*v);const D=l=>{if(null!=s[l]){let e=x(a(o[l],r,d,c)),t=x(f(s[l],u,p,h));m(k,e+b,t),g(k,e,t,b,0,2*il)}};if(i)i.forEach(D);else for(let l=t;n>=l;l++)D(l);return{stroke:_>0?k:null,fill:k,clip:M,flags:3}}))}function Yt(l){return(e,t,n,i,o,s)=>{n!=i&&(o!=n&&s!=n&&l(e,t,n),o!=i&&s!=i&&l(e,t,i),l(e,t,s))}}const Ct=Yt(Mt),Ht=Yt(St);function Ft(l){const e=Q(l?.alignGaps,0);return(l,t,n,i)=>pt(l,t,((o,s,r,u,a,f,c,h,d,p,m)=>{[n,i]=U(r,n,i);let g,x,w=o.pxRound,_=l=>w(f(l,u,p,h)),b=l=>w(c(l,a,m,d));0==u.ori?(g=Mt,x=Ct):(g=St,x=Ht);const v=u.dir*(0==u.ori?1:-1),k={stroke:new Path2D,fill:null,clip:null,band:null,gaps:null,flags:1},y=k.stroke;let M=!1;if(i-n<4*p)for(let l=1==v?n:i;l>=n&&i>=l;l+=v){let e=r[l];null===e?M=!0:null!=e&&g(y,_(s[l]),b(e))}else{let e,t,o,a=e=>l.posToVal(e,u.key,!0),f=null,c=null,h=_(s[1==v?n:i]),d=_(s[n]),p=_(s[i]),m=a(1==v?d+1:p-1);for(let l=1==v?n:i;l>=n&&i>=l;l+=v){let n=s[l],i=(1==v?m>n:n>m)?h:_(n),o=r[l];i==h?null!=o?(t=o,null==f?(g(y,i,b(t)),e=f=c=t):f>t?f=t:t>c&&(c=t)):null===o&&(M=!0):(null!=f&&x(y,h,b(f),b(c),b(e),b(t)),null!=o?(t=o,g(y,i,b(t)),f=c=e=t):(f=c=null,null===o&&(M=!0)),h=i,m=a(h+v))}null!=f&&f!=c&&o!=h&&x(y,h,b(f),b(c),b(e),b(t))}let[S,T]=mt(l,t);if(null!=o.fill||0!=S){let e=k.fill=new Path2D(y),r=b(o.fillTo(l,t,o.min,o.max,S)),u=_(s[n]),a=_(s[i]);-1==v&&([a,u]=[u,a]),g(e,a,r),g(e,u,r)}if(!o.spanGaps){let a=[];M&&a.push(..._t(s,r,n,i,v,_,e)),k.gaps=a=o.gaps(l,t,n,i,a),k.clip=wt(a,u.ori,h,d,p,m)}return 0!=T&&(k.band=2==T?[xt(l,t,n,i,y,-1),xt(l,t,n,i,y,1)]:xt(l,t,n,i,y,T)),k}))}function Rt(l,e,t,n,i,o,s=gl){if(l.length>1){let r=null;for(let u=0,a=1/0;l.length>u;u++)if(void 0!==e[u]){if(null!=r){let e=ol(l[u]-l[r]);a>e&&(a=e,s=ol(t(l[u],n,i,o)-t(l[r],n,i,o)))}r=u}}return s}function Gt(l,e,t,n,i){const o=l.length;if(2>o)return null;const s=new Path2D;if(t(s,l[0],e[0]),2==o)n(s,l[1],e[1]);else{let t=Array(o),n=Array(o-1),r=Array(o-1),u=Array(o-1);for(let t=0;o-1>t;t++)r[t]=e[t+1]-e[t],u[t]=l[t+1]-l[t],n[t]=r[t]/u[t];t[0]=n[0];for(let l=1;o-1>l;l++)0===n[l]||0===n[l-1]||n[l-1]>0!=n[l]>0?t[l]=0:(t[l]=3*(u[l-1]+u[l])/((2*u[l]+u[l-1])/n[l-1]+(u[l]+2*u[l-1])/n[l]),isFinite(t[l])||(t[l]=0));t[o-1]=n[o-2];for(let n=0;o-1>n;n++)i(s,l[n]+u[n]/3,e[n]+t[n]*u[n]/3,l[n+1]-u[n]/3,e[n+1]-t[n+1]*u[n]/3,l[n+1],e[n+1])}return s}const It=new Set;function Lt(){for(let l of It)l.syncRect(!0)}_&&(G("resize",v,Lt),G("scroll",v,Lt,!0),G(x,v,(()=>{en.pxRatio=y})));const Ot=Ft(),Nt=Wt();function jt(l,e,t,n){return(n?[l[0],l[1]].concat(l.slice(2)):[l[0]].concat(l.slice(1))).map(((l,n)=>Ut(l,n,e,t)))}function Ut(l,e,t,n){return Bl({},0==e?t:n,l)}function Vt(l,e,t){return null==e?Rl:[e,t]}const Bt=Vt;function $t(l,e,t){return null==e?Rl:Z(e,t,J,!0)}function Jt(l,e,t,n){return null==e?Rl:B(e,t,l.scales[n].log,!1)}const qt=Jt;function Kt(l,e,t,n){return null==e?Rl:$(e,t,l.scales[n].log,!1)}const Xt=Kt;function Zt(l,e,t,n,i){let o=fl(xl(l),xl(e)),s=e-l,r=L(i/n*s,t);do{let l=t[r],e=n*l/s;if(e>=i&&17>=o+(5>l?Wl.get(l):0))return[l,e]}while(++r<t.length);return[0,0]}function Qt(l){let e,t;return[l=l.replace(/(\\d+)px/,((l,n)=>(e=rl((t=+n)*y))+"px")),e,t]}function ln(l){l.show&&[l.font,l.labelFont].forEach((l=>{let e=Al(l[2]*y,1);l[0]=l[0].replace(/[0-9.]+px/,e+"px"),l[1]=e}))}function en(u,g,_){const k={mode:Q(u.mode,1)},M=k.mode;function P(l,e,t,n){let i=e.valToPct(l);return n+t*(-1==e.dir?1-i:i)}function W(l,e,t,n){let i=e.valToPct(l);return n+t*(-1==e.dir?i:1-i)}function C(l,e,t,n){return 0==e.ori?P(l,e,t,n):W(l,e,t,n)}k.valToPosH=P,k.valToPosV=W;let F=!1;k.status=0;const R=k.root=D("uplot");null!=u.id&&(R.id=u.id),S(R,u.class),u.title&&(D("u-title",R).textContent=u.title);const O=z("canvas"),K=k.ctx=O.getContext("2d"),X=D("u-wrap",R);G("click",X,(l=>{l.target===el&&(Nn!=Gn||jn!=In)&&Zn.click(k,l)}),!0);const ll=k.under=D("u-under",X);X.appendChild(O);const el=k.over=D("u-over",X),tl=+Q((u=Vl(u)).pxAlign,1),sl=bt(tl);(u.plugins||[]).forEach((l=>{l.opts&&(u=l.opts(k,u)||u)}));const hl=u.ms||.001,pl=k.series=1==M?jt(u.series||[],Ve,ut,!1):function(l,e){return l.map(((l,t)=>0==t?{}:Bl({},e,l)))}(u.series||[null],rt),xl=k.axes=jt(u.axes||[],Ue,it,!0),vl=k.scales={},Tl=k.bands=u.bands||[];Tl.forEach((l=>{l.fill=bl(l.fill||null),l.dir=Q(l.dir,-1)}));const El=2==M?pl[1].facets[0].scale:pl[0].scale,Dl={axes:function(){for(let l=0;xl.length>l;l++){let e=xl[l];if(!e.show||!e._show)continue;let t,n,u=e.side,a=u%2,f=e.stroke(k,l),c=0==u||3==u?-1:1,[h,d]=e._found;if(null!=e.label){let s=rl((e._lpos+e.labelGap*c)*y);_n(e.labelFont[0],f,"center",2==u?i:o),K.save(),1==a?(t=n=0,K.translate(s,rl(lt+st/2)),K.rotate((3==u?-il:il)/2)):(t=rl(Qe+ot/2),n=s);let r=_l(e.label)?e.label(k,l,h,d):e.label;K.fillText(r,t,n),K.restore()}if(0==d)continue;let p=vl[e.scale],m=0==a?ot:st,g=0==a?Qe:lt,x=e._splits,w=2==p.distr?x.map((l=>pn[l])):x,_=2==p.distr?pn[x[1]]-pn[x[0]]:h,b=e.ticks,v=e.border,M=b.show?b.size:0,S=rl(M*y),T=rl((2==e.alignTo?e._size-M-e.gap:e.gap)*y),E=e._rotate*-il/180,z=sl(e._pos*y),D=z+(S+T)*c;n=0==a?D:0,t=1==a?D:0,_n(e.font[0],f,1==e.align?s:2==e.align?r:E>0?s:0>E?r:0==a?"center":3==u?r:s,E||1==a?"middle":2==u?i:o);let P=e.font[1]*e.lineGap,A=x.map((l=>sl(C(l,p,m,g)))),W=e._values;for(let l=0;W.length>l;l++){let e=W[l];if(null!=e){0==a?t=A[l]:n=A[l],e=""+e;let i=-1==e.indexOf("\\n")?[e]:e.split(/\\n/gm);for(let l=0;i.length>l;l++){let e=i[l];E?(K.save(),K.translate(t,n+l*P),K.rotate(E),K.fillText(e,0,0),K.restore()):K.fillText(e,t,n+l*P)}}}b.show&&zn(A,b.filter(k,w,l,d,_),a,u,z,S,Al(b.width*y,3),b.stroke(k,l),b.dash,b.cap);let Y=e.grid;Y.show&&zn(A,Y.filter(k,w,l,d,_),a,0==a?2:1,0==a?lt:Qe,0==a?st:ot,Al(Y.width*y,3),Y.stroke(k,l),Y.dash,Y.cap),v.show&&zn([z],[1],0==a?1:0,0==a?1:2,1==a?lt:Qe,1==a?st:ot,Al(v.width*y,3),v.stroke(k,l),v.dash,v.cap)}Ci("drawAxes")},series:function(){if(Gt>0){let l=pl.some((l=>l._focus))&&dn!=Tt.alpha;l&&(K.globalAlpha=dn=Tt.alpha),pl.forEach(((l,e)=>{if(e>0&&l.show&&(kn(e,!1),kn(e,!0),null==l._paths)){let t=dn;dn!=l.alpha&&(K.globalAlpha=dn=l.alpha);let n=2==M?[0,g[e][0].length-1]:function(l){let e=wl(Lt-1,0,Gt-1),t=wl(en+1,0,Gt-1);for(;null==l[e]&&e>0;)e--;for(;null==l[t]&&Gt-1>t;)t++;return[e,t]}(g[e]);l._paths=l.paths(k,e,n[0],n[1]),dn!=t&&(K.globalAlpha=dn=t)}})),pl.forEach(((l,e)=>{if(e>0&&l.show){let t=dn;dn!=l.alpha&&(K.globalAlpha=dn=l.alpha),null!=l._paths&&yn(e,!1);{let t=null!=l._paths?l._paths.gaps:null,n=l.points.show(k,e,Lt,en,t),i=l.points.filter(k,e,n,t);(n||i)&&(l.points._paths=l.points.paths(k,e,Lt,en,i),yn(e,!0))}dn!=t&&(K.globalAlpha=dn=t),Ci("drawSeries",e)}})),l&&(K.globalAlpha=dn=1)}}},Pl=(u.drawOrder||["axes","series"]).map((l=>Dl[l]));function Cl(l){const e=3==l.distr?e=>dl(e>0?e:l.clamp(k,e,l.min,l.max,l.key)):4==l.distr?e=>ml(e,l.asinh):100==l.distr?e=>l.fwd(e):l=>l;return t=>{let n=e(t),{_min:i,_max:o}=l;return(n-i)/(o-i)}}function Il(l){let e=vl[l];if(null==e){let t=(u.scales||Hl)[l]||Hl;if(null!=t.from){Il(t.from);let e=Bl({},vl[t.from],t,{key:l});e.valToPct=Cl(e),vl[l]=e}else{e=vl[l]=Bl({},l==El?ft:ct,t),e.key=l;let n=e.time,i=e.range,o=Gl(i);if((l!=El||2==M&&!n)&&(!o||null!=i[0]&&null!=i[1]||(i={min:null==i[0]?q:{mode:1,hard:i[0],soft:i[0]},max:null==i[1]?q:{mode:1,hard:i[1],soft:i[1]}},o=!1),!o&&Ol(i))){let l=i;i=(e,t,n)=>null==t?Rl:Z(t,n,l)}e.range=bl(i||(n?Bt:l==El?3==e.distr?qt:4==e.distr?Xt:Vt:3==e.distr?Jt:4==e.distr?Kt:$t)),e.auto=bl(!o&&e.auto),e.clamp=bl(e.clamp||at),e._min=e._max=null,e.valToPct=Cl(e)}}}Il("x"),Il("y"),1==M&&pl.forEach((l=>{Il(l.scale)})),xl.forEach((l=>{Il(l.scale)}));for(let l in u.scales)Il(l);const jl=vl[El],Ul=jl.distr;let $l,ql;0==jl.ori?(S(R,"u-hz"),$l=P,ql=W):(S(R,"u-vt"),$l=W,ql=P);const Kl={};for(let l in vl){let e=vl[l];null==e.min&&null==e.max||(Kl[l]={min:e.min,max:e.max},e.min=e.max=null)}const Xl=u.tzDate||(l=>new Date(rl(l/hl))),Zl=u.fmtDate||ne,Ql=1==hl?Me(Xl):Ee(Xl),le=De(Xl,ze(1==hl?ye:Te,Zl)),ee=We(Xl,Ae("{YYYY}-{MM}-{DD} {h}:{mm}{aa}",Zl)),te=[],ie=k.legend=Bl({},Ye,u.legend),oe=k.cursor=Bl({},Re,{drag:{y:2==M}},u.cursor),se=ie.show,re=oe.show,ue=ie.markers;let ce,he,de;ie.idxs=te,ue.width=bl(ue.width),ue.dash=bl(ue.dash),ue.stroke=bl(ue.stroke),ue.fill=bl(ue.fill);let pe,me=[],ge=[],xe=!1,we={};if(ie.live){const l=pl[1]?pl[1].values:null;xe=null!=l,pe=xe?l(k,1,0):{_:0};for(let l in pe)we[l]=w}if(se)if(ce=z("table","u-legend",R),de=z("tbody",null,ce),ie.mount(k,ce),xe){he=z("thead",null,ce,de);let l=z("tr",null,he);for(var _e in z("th",null,l),pe)z("th",e,l).textContent=_e}else S(ce,"u-inline"),ie.live&&S(ce,"u-live");const be={show:!0},ve={show:!1},Pe=new Map;function Ce(l,e,t,n=!0){const i=Pe.get(e)||{},o=oe.bind[l](k,e,t,n);o&&(G(l,e,i[l]=o),Pe.set(e,i))}function He(l,e){const t=Pe.get(e)||{};for(let n in t)null!=l&&n!=l||(I(n,e,t[n]),delete t[n]);null==l&&Pe.delete(e)}let Fe=0,Ge=0,Ie=0,Le=0,Oe=0,Ne=0,je=Oe,Ke=Ne,Xe=Ie,Ze=Le,Qe=0,lt=0,ot=0,st=0;k.bbox={};let ht=!1,pt=!1,mt=!1,xt=!1,wt=!1,_t=!1;function vt(l,e,t){(t||l!=k.width||e!=k.height)&&kt(l,e),An(!1),mt=!0,pt=!0,Jn()}function kt(l,e){k.width=Fe=Ie=l,k.height=Ge=Le=e,Oe=Ne=0,function(){let l=!1,e=!1,t=!1,n=!1;xl.forEach((i=>{if(i.show&&i._show){let{side:o,_size:s}=i,r=s+(null!=i.label?i.labelSize:0);r>0&&(o%2?(Ie-=r,3==o?(Oe+=r,n=!0):t=!0):(Le-=r,0==o?(Ne+=r,l=!0):e=!0))}})),Ct[0]=l,Ct[1]=t,Ct[2]=e,Ct[3]=n,Ie-=Rt[1]+Rt[3],Oe+=Rt[3],Le-=Rt[2]+Rt[0],Ne+=Rt[0]}(),function(){let l=Oe+Ie,e=Ne+Le,t=Oe,n=Ne;function i(i,o){switch(i){case 1:return l+=o,l-o;case 2:return e+=o,e-o;case 3:return t-=o,t+o;case 0:return n-=o,n+o}}xl.forEach((l=>{if(l.show&&l._show){let e=l.side;l._pos=i(e,l._size),null!=l.label&&(l._lpos=i(e,l.labelSize))}}))}();let t=k.bbox;Qe=t.left=zl(Oe*y,.5),lt=t.top=zl(Ne*y,.5),ot=t.width=zl(Ie*y,.5),st=t.height=zl(Le*y,.5)}const yt=3;if(k.setSize=function({width:l,height:e}){vt(l,e)},null==oe.dataIdx){let l=oe.hover,e=l.skip=new Set(l.skip??[]);e.add(void 0);let t=l.prox=bl(l.prox),n=l.bias??=0;oe.dataIdx=(l,i,o,s)=>{if(0==i)return o;let r=o,u=t(l,i,o,s)??gl,a=u>=0&&gl>u,f=0==jl.ori?Ie:Le,c=oe.left,h=g[0],d=g[i];if(e.has(d[o])){r=null;let l,t=null,i=null;if(0==n||-1==n)for(l=o;null==t&&l-- >0;)e.has(d[l])||(t=l);if(0==n||1==n)for(l=o;null==i&&l++<d.length;)e.has(d[l])||(i=l);if(null!=t||null!=i)if(a){let l=c-(null==t?-1/0:$l(h[t],jl,f,0)),e=(null==i?1/0:$l(h[i],jl,f,0))-c;l>e?e>u||(r=i):l>u||(r=t)}else r=null==i?t:null==t||o-t>i-o?i:t}else a&&ol(c-$l(h[o],jl,f,0))>u&&(r=null);return r}}const Mt=l=>{oe.event=l};oe.idxs=te,oe._lock=!1;let St=oe.points;St.show=bl(St.show),St.size=bl(St.size),St.stroke=bl(St.stroke),St.width=bl(St.width),St.fill=bl(St.fill);const Tt=k.focus=Bl({},u.focus||{alpha:.3},oe.focus),Et=Tt.prox>=0,zt=Et&&St.one;let Dt=[],Pt=[],At=[];function Wt(l,e){let t=St.show(k,e);if(t instanceof HTMLElement)return S(t,"u-cursor-pt"),S(t,l.class),A(t,-10,-10,Ie,Le),el.insertBefore(t,Dt[e]),t}function Yt(t,n){if(1==M||n>0){let l=1==M&&vl[t.scale].time,e=t.value;t.value=l?Ll(e)?We(Xl,Ae(e,Zl)):e||ee:e||nt,t.label=t.label||(l?"Time":"Value")}if(zt||n>0){t.width=null==t.width?1:t.width,t.paths=t.paths||Ot||yl,t.fillTo=bl(t.fillTo||gt),t.pxAlign=+Q(t.pxAlign,tl),t.pxRound=bt(t.pxAlign),t.stroke=bl(t.stroke||null),t.fill=bl(t.fill||null),t._stroke=t._fill=t._paths=t._focus=null;let l=function(l){return Al(1*(3+2*(l||1)),3)}(fl(1,t.width)),e=t.points=Bl({},{size:l,width:fl(1,.2*l),stroke:t.stroke,space:2*l,paths:Nt,_stroke:null,_fill:null},t.points);e.show=bl(e.show),e.filter=bl(e.filter),e.fill=bl(e.fill),e.stroke=bl(e.stroke),e.paths=bl(e.paths),e.pxAlign=t.pxAlign}if(se){let i=function(t,n){if(0==n&&(xe||!ie.live||2==M))return Rl;let i=[],o=z("tr","u-series",de,de.childNodes[n]);S(o,t.class),t.show||S(o,l);let s=z("th",null,o);if(ue.show){let l=D("u-marker",s);if(n>0){let e=ue.width(k,n);e&&(l.style.border=e+"px "+ue.dash(k,n)+" "+ue.stroke(k,n)),l.style.background=ue.fill(k,n)}}let r=D(e,s);for(var u in t.label instanceof HTMLElement?r.appendChild(t.label):r.textContent=t.label,n>0&&(ue.show||(r.style.color=t.width>0?ue.stroke(k,n):ue.fill(k,n)),Ce("click",s,(l=>{if(oe._lock)return;Mt(l);let e=pl.indexOf(t);if((l.ctrlKey||l.metaKey)!=ie.isolate){let l=pl.some(((l,t)=>t>0&&t!=e&&l.show));pl.forEach(((t,n)=>{n>0&&oi(n,l?n==e?be:ve:be,!0,Fi.setSeries)}))}else oi(e,{show:!t.show},!0,Fi.setSeries)}),!1),Et&&Ce(d,s,(l=>{oe._lock||(Mt(l),oi(pl.indexOf(t),ai,!0,Fi.setSeries))}),!1)),pe){let l=z("td","u-value",o);l.textContent="--",i.push(l)}return[o,i]}(t,n);me.splice(n,0,i[0]),ge.splice(n,0,i[1]),ie.values.push(null)}if(re){te.splice(n,0,null);let l=null;zt?0==n&&(l=Wt(t,n)):n>0&&(l=Wt(t,n)),Dt.splice(n,0,l),Pt.splice(n,0,0),At.splice(n,0,0)}Ci("addSeries",n)}k.addSeries=function(l,e){e=null==e?pl.length:e,l=1==M?Ut(l,e,Ve,ut):Ut(l,e,{},rt),pl.splice(e,0,l),Yt(pl[e],e)},k.delSeries=function(l){if(pl.splice(l,1),se){ie.values.splice(l,1),ge.splice(l,1);let e=me.splice(l,1)[0];He(null,e.firstChild),e.remove()}re&&(te.splice(l,1),Dt.splice(l,1)[0].remove(),Pt.splice(l,1),At.splice(l,1)),Ci("delSeries",l)};const Ct=[!1,!1,!1,!1];function Ht(l,e,t){let[n,i,o,s]=t,r=e%2,u=0;return 0==r&&(s||i)&&(u=0==e&&!n||2==e&&!o?rl(Ue.size/3):0),1==r&&(n||o)&&(u=1==e&&!i||3==e&&!s?rl(it.size/2):0),u}const Ft=k.padding=(u.padding||[Ht,Ht,Ht,Ht]).map((l=>bl(Q(l,Ht)))),Rt=k._padding=Ft.map(((l,e)=>l(k,e,Ct,0)));let Gt,Lt=null,en=null;const tn=1==M?pl[0].idxs:null;let nn,on,sn,rn,un,an,fn,cn,hn,dn,pn=null,mn=!1;function gn(l,e){if(k.data=k._data=g=null==l?[]:l,2==M){Gt=0;for(let l=1;pl.length>l;l++)Gt+=g[l][0].length}else{0==g.length&&(k.data=k._data=g=[[]]),pn=g[0],Gt=pn.length;let l=g;if(2==Ul){l=g.slice();let e=l[0]=Array(Gt);for(let l=0;Gt>l;l++)e[l]=l}k._data=g=l}if(An(!0),Ci("setData"),2==Ul&&(mt=!0),!1!==e){let l=jl;l.auto(k,mn)?xn():ii(El,l.min,l.max),xt=xt||oe.left>=0,_t=!0,Jn()}}function xn(){let l,e;mn=!0,1==M&&(Gt>0?(Lt=tn[0]=0,en=tn[1]=Gt-1,l=g[0][Lt],e=g[0][en],2==Ul?(l=Lt,e=en):l==e&&(3==Ul?[l,e]=B(l,l,jl.log,!1):4==Ul?[l,e]=$(l,l,jl.log,!1):jl.time?e=l+rl(86400/hl):[l,e]=Z(l,e,J,!0))):(Lt=tn[0]=l=null,en=tn[1]=e=null)),ii(El,l,e)}function wn(l,e,t,n,i,o){l??=a,t??=Fl,n??="butt",i??=a,o??="round",l!=nn&&(K.strokeStyle=nn=l),i!=on&&(K.fillStyle=on=i),e!=sn&&(K.lineWidth=sn=e),o!=un&&(K.lineJoin=un=o),n!=an&&(K.lineCap=an=n),t!=rn&&K.setLineDash(rn=t)}function _n(l,e,t,n){e!=on&&(K.fillStyle=on=e),l!=fn&&(K.font=fn=l),t!=cn&&(K.textAlign=cn=t),n!=hn&&(K.textBaseline=hn=n)}function bn(l,e,t,n,i=0){if(n.length>0&&l.auto(k,mn)&&(null==e||null==e.min)){let e=Q(Lt,0),o=Q(en,n.length-1),s=null==t.min?function(l,e,t,n=0,i=!1){let o=i?V:U,s=i?j:N;[e,t]=o(l,e,t);let r=l[e],u=l[e];if(e>-1)if(1==n)r=l[e],u=l[t];else if(-1==n)r=l[t],u=l[e];else for(let n=e;t>=n;n++){let e=l[n];s(e)&&(r>e?r=e:e>u&&(u=e))}return[r??gl,u??-gl]}(n,e,o,i,3==l.distr):[t.min,t.max];l.min=al(l.min,t.min=s[0]),l.max=fl(l.max,t.max=s[1])}}k.setData=gn;const vn={min:null,max:null};function kn(l,e){let t=e?pl[l].points:pl[l];t._stroke=t.stroke(k,l),t._fill=t.fill(k,l)}function yn(l,e){let t=e?pl[l].points:pl[l],{stroke:n,fill:i,clip:o,flags:s,_stroke:r=t._stroke,_fill:u=t._fill,_width:a=t.width}=t._paths;a=Al(a*y,3);let f=null,c=a%2/2;e&&null==u&&(u=a>0?"#fff":r);let h=1==t.pxAlign&&c>0;if(h&&K.translate(c,c),!e){let l=Qe-a/2,e=lt-a/2,t=ot+a,n=st+a;f=new Path2D,f.rect(l,e,t,n)}e?Sn(r,a,t.dash,t.cap,u,n,i,s,o):function(l,e,t,n,i,o,s,r,u,a,f){let c=!1;0!=u&&Tl.forEach(((h,d)=>{if(h.series[0]==l){let l,p=pl[h.series[1]],m=g[h.series[1]],x=(p._paths||Hl).band;Gl(x)&&(x=1==h.dir?x[0]:x[1]);let w=null;p.show&&x&&function(l,e,t){for(e=Q(e,0),t=Q(t,l.length-1);t>=e;){if(null!=l[e])return!0;e++}return!1}(m,Lt,en)?(w=h.fill(k,d)||o,l=p._paths.clip):x=null,Sn(e,t,n,i,w,s,r,u,a,f,l,x),c=!0}})),c||Sn(e,t,n,i,o,s,r,u,a,f)}(l,r,a,t.dash,t.cap,u,n,i,s,f,o),h&&K.translate(-c,-c)}const Mn=3;function Sn(l,e,t,n,i,o,s,r,u,a,f,c){wn(l,e,t,n,i),(u||a||c)&&(K.save(),u&&K.clip(u),a&&K.clip(a)),c?(r&Mn)==Mn?(K.clip(c),f&&K.clip(f),En(i,s),Tn(l,o,e)):2&r?(En(i,s),K.clip(c),Tn(l,o,e)):1&r&&(K.save(),K.clip(c),f&&K.clip(f),En(i,s),K.restore(),Tn(l,o,e)):(En(i,s),Tn(l,o,e)),(u||a||c)&&K.restore()}function Tn(l,e,t){t>0&&(e instanceof Map?e.forEach(((l,e)=>{K.strokeStyle=nn=e,K.stroke(l)})):null!=e&&l&&K.stroke(e))}function En(l,e){e instanceof Map?e.forEach(((l,e)=>{K.fillStyle=on=e,K.fill(l)})):null!=e&&l&&K.fill(e)}function zn(l,e,t,n,i,o,s,r,u,a){let f=s%2/2;1==tl&&K.translate(f,f),wn(r,s,u,a,r),K.beginPath();let c,h,d,p,m=i+(0==n||3==n?-o:o);0==t?(h=i,p=m):(c=i,d=m);for(let n=0;l.length>n;n++)null!=e[n]&&(0==t?c=d=l[n]:h=p=l[n],K.moveTo(c,h),K.lineTo(d,p));K.stroke(),1==tl&&K.translate(-f,-f)}function Dn(l){let e=!0;return xl.forEach(((t,n)=>{if(!t.show)return;let i=vl[t.scale];if(null==i.min)return void(t._show&&(e=!1,t._show=!1,An(!1)));t._show||(e=!1,t._show=!0,An(!1));let o=t.side,s=o%2,{min:r,max:u}=i,[a,f]=function(l,e,t,n){let i,o=xl[l];if(n>0){let s=o._space=o.space(k,l,e,t,n);i=Zt(e,t,o._incrs=o.incrs(k,l,e,t,n,s),n,s)}else i=[0,0];return o._found=i}(n,r,u,0==s?Ie:Le);if(0==f)return;let c=t._splits=t.splits(k,n,r,u,a,f,2==i.distr),h=2==i.distr?c.map((l=>pn[l])):c,d=2==i.distr?pn[c[1]]-pn[c[0]]:a,p=t._values=t.values(k,t.filter(k,h,n,f,d),n,f,d);t._rotate=2==o?t.rotate(k,p,n,f):0;let m=t._size;t._size=ul(t.size(k,p,n,l)),null!=m&&t._size!=m&&(e=!1)})),e}function Pn(l){let e=!0;return Ft.forEach(((t,n)=>{let i=t(k,n,Ct,l);i!=Rt[n]&&(e=!1),Rt[n]=i})),e}function An(l){pl.forEach(((e,t)=>{t>0&&(e._paths=null,l&&(1==M?(e.min=null,e.max=null):e.facets.forEach((l=>{l.min=null,l.max=null}))))}))}let Wn,Yn,Cn,Hn,Fn,Rn,Gn,In,Ln,On,Nn,jn,Un=!1,Vn=!1,Bn=[];function $n(){Vn=!1;for(let l=0;Bn.length>l;l++)Ci(...Bn[l]);Bn.length=0}function Jn(){Un||(Jl(qn),Un=!0)}function qn(){if(ht&&(function(){for(let l in vl){let e=vl[l];null==Kl[l]&&(null==e.min||null!=Kl[El]&&e.auto(k,mn))&&(Kl[l]=vn)}for(let l in vl){let e=vl[l];null==Kl[l]&&null!=e.from&&null!=Kl[e.from]&&(Kl[l]=vn)}null!=Kl[El]&&An(!0);let l={};for(let e in Kl){let t=Kl[e];if(null!=t){let n=l[e]=Vl(vl[e],Nl);if(null!=t.min)Bl(n,t);else if(e!=El||2==M)if(0==Gt&&null==n.from){let l=n.range(k,null,null,e);n.min=l[0],n.max=l[1]}else n.min=gl,n.max=-gl}}if(Gt>0){pl.forEach(((e,t)=>{if(1==M){let n=e.scale,i=Kl[n];if(null==i)return;let o=l[n];if(0==t){let l=o.range(k,o.min,o.max,n);o.min=l[0],o.max=l[1],Lt=L(o.min,g[0]),en=L(o.max,g[0]),en-Lt>1&&(o.min>g[0][Lt]&&Lt++,g[0][en]>o.max&&en--),e.min=pn[Lt],e.max=pn[en]}else e.show&&e.auto&&bn(o,i,e,g[t],e.sorted);e.idxs[0]=Lt,e.idxs[1]=en}else if(t>0&&e.show&&e.auto){let[n,i]=e.facets,o=n.scale,s=i.scale,[r,u]=g[t],a=l[o],f=l[s];null!=a&&bn(a,Kl[o],n,r,n.sorted),null!=f&&bn(f,Kl[s],i,u,i.sorted),e.min=i.min,e.max=i.max}}));for(let e in l){let t=l[e],n=Kl[e];if(null==t.from&&(null==n||null==n.min)){let l=t.range(k,t.min==gl?null:t.min,t.max==-gl?null:t.max,e);t.min=l[0],t.max=l[1]}}}for(let e in l){let t=l[e];if(null!=t.from){let n=l[t.from];if(null==n.min)t.min=t.max=null;else{let l=t.range(k,n.min,n.max,e);t.min=l[0],t.max=l[1]}}}let e={},t=!1;for(let n in l){let i=l[n],o=vl[n];if(o.min!=i.min||o.max!=i.max){o.min=i.min,o.max=i.max;let l=o.distr;o._min=3==l?dl(o.min):4==l?ml(o.min,o.asinh):100==l?o.fwd(o.min):o.min,o._max=3==l?dl(o.max):4==l?ml(o.max,o.asinh):100==l?o.fwd(o.max):o.max,e[n]=t=!0}}if(t){pl.forEach(((l,t)=>{2==M?t>0&&e.y&&(l._paths=null):e[l.scale]&&(l._paths=null)}));for(let l in e)mt=!0,Ci("setScale",l);re&&oe.left>=0&&(xt=_t=!0)}for(let l in Kl)Kl[l]=null}(),ht=!1),mt&&(function(){let l=!1,e=0;for(;!l;){e++;let t=Dn(e),n=Pn(e);l=e==yt||t&&n,l||(kt(k.width,k.height),pt=!0)}}(),mt=!1),pt){if(E(ll,s,Oe),E(ll,i,Ne),E(ll,t,Ie),E(ll,n,Le),E(el,s,Oe),E(el,i,Ne),E(el,t,Ie),E(el,n,Le),E(X,t,Fe),E(X,n,Ge),O.width=rl(Fe*y),O.height=rl(Ge*y),xl.forEach((({_el:e,_show:t,_size:n,_pos:i,side:o})=>{if(null!=e)if(t){let t=o%2==1;E(e,t?"left":"top",i-(3===o||0===o?n:0)),E(e,t?"width":"height",n),E(e,t?"top":"left",t?Ne:Oe),E(e,t?"height":"width",t?Le:Ie),T(e,l)}else S(e,l)})),nn=on=sn=un=an=fn=cn=hn=rn=null,dn=1,_i(!0),Oe!=je||Ne!=Ke||Ie!=Xe||Le!=Ze){An(!1);let l=Ie/Xe,e=Le/Ze;if(re&&!xt&&oe.left>=0){oe.left*=l,oe.top*=e,Cn&&A(Cn,rl(oe.left),0,Ie,Le),Hn&&A(Hn,0,rl(oe.top),Ie,Le);for(let t=0;Dt.length>t;t++){let n=Dt[t];null!=n&&(Pt[t]*=l,At[t]*=e,A(n,ul(Pt[t]),ul(At[t]),Ie,Le))}}if(ei.show&&!wt&&ei.left>=0&&ei.width>0){ei.left*=l,ei.width*=l,ei.top*=e,ei.height*=e;for(let l in ki)E(ti,l,ei[l])}je=Oe,Ke=Ne,Xe=Ie,Ze=Le}Ci("setSize"),pt=!1}Fe>0&&Ge>0&&(K.clearRect(0,0,O.width,O.height),Ci("drawClear"),Pl.forEach((l=>l())),Ci("draw")),ei.show&&wt&&(ni(ei),wt=!1),re&&xt&&(xi(null,!0,!1),xt=!1),ie.show&&ie.live&&_t&&(mi(),_t=!1),F||(F=!0,k.status=1,Ci("ready")),mn=!1,Un=!1}function Kn(l,e){let t=vl[l];if(null==t.from){if(0==Gt){let n=t.range(k,e.min,e.max,l);e.min=n[0],e.max=n[1]}if(e.min>e.max){let l=e.min;e.min=e.max,e.max=l}if(Gt>1&&null!=e.min&&null!=e.max&&1e-16>e.max-e.min)return;l==El&&2==t.distr&&Gt>0&&(e.min=L(e.min,g[0]),e.max=L(e.max,g[0]),e.min==e.max&&e.max++),Kl[l]=e,ht=!0,Jn()}}k.batch=function(l,e=!1){Un=!0,Vn=e,l(k),qn(),e&&Bn.length>0&&queueMicrotask($n)},k.redraw=(l,e)=>{mt=e||!1,!1!==l?ii(El,jl.min,jl.max):Jn()},k.setScale=Kn;let Xn=!1;const Zn=oe.drag;let Qn=Zn.x,li=Zn.y;re&&(oe.x&&(Wn=D("u-cursor-x",el)),oe.y&&(Yn=D("u-cursor-y",el)),0==jl.ori?(Cn=Wn,Hn=Yn):(Cn=Yn,Hn=Wn),Nn=oe.left,jn=oe.top);const ei=k.select=Bl({show:!0,over:!0,left:0,width:0,top:0,height:0},u.select),ti=ei.show?D("u-select",ei.over?el:ll):null;function ni(l,e){if(ei.show){for(let e in l)ei[e]=l[e],e in ki&&E(ti,e,l[e]);!1!==e&&Ci("setSelect")}}function ii(l,e,t){Kn(l,{min:e,max:t})}function oi(e,t,n,i){null!=t.focus&&function(l){if(l!=ui){let e=null==l,t=1!=Tt.alpha;pl.forEach(((n,i)=>{if(1==M||i>0){let o=e||0==i||i==l;n._focus=e?null:o,t&&function(l,e){pl[l].alpha=e,re&&null!=Dt[l]&&(Dt[l].style.opacity=e),se&&me[l]&&(me[l].style.opacity=e)}(i,o?1:Tt.alpha)}})),ui=l,t&&Jn()}}(e),null!=t.show&&pl.forEach(((n,i)=>{0>=i||e!=i&&null!=e||(n.show=t.show,function(e){if(pl[e].show)se&&T(me[e],l);else if(se&&S(me[e],l),re){let l=zt?Dt[0]:Dt[e];null!=l&&A(l,-10,-10,Ie,Le)}}(i),2==M?(ii(n.facets[0].scale,null,null),ii(n.facets[1].scale,null,null)):ii(n.scale,null,null),Jn())})),!1!==n&&Ci("setSeries",e,t),i&&Ii("setSeries",k,e,t)}let si,ri,ui;k.setSelect=ni,k.setSeries=oi,k.addBand=function(l,e){l.fill=bl(l.fill||null),l.dir=Q(l.dir,-1),Tl.splice(e=null==e?Tl.length:e,0,l)},k.setBand=function(l,e){Bl(Tl[l],e)},k.delBand=function(l){null==l?Tl.length=0:Tl.splice(l,1)};const ai={focus:!0};function fi(l,e,t){let n=vl[e];t&&(l=l/y-(1==n.ori?Ne:Oe));let i=Ie;1==n.ori&&(i=Le,l=i-l),-1==n.dir&&(l=i-l);let o=n._min,s=o+l/i*(n._max-o),r=n.distr;return 3==r?cl(10,s):4==r?((l,e=1)=>nl.sinh(l)*e)(s,n.asinh):100==r?n.bwd(s):s}function ci(l,e){E(ti,s,ei.left=l),E(ti,t,ei.width=e)}function hi(l,e){E(ti,i,ei.top=l),E(ti,n,ei.height=e)}se&&Et&&Ce(p,ce,(l=>{oe._lock||(Mt(l),null!=ui&&oi(null,ai,!0,Fi.setSeries))})),k.valToIdx=l=>L(l,g[0]),k.posToIdx=function(l,e){return L(fi(l,El,e),g[0],Lt,en)},k.posToVal=fi,k.valToPos=(l,e,t)=>0==vl[e].ori?P(l,vl[e],t?ot:Ie,t?Qe:0):W(l,vl[e],t?st:Le,t?lt:0),k.setCursor=(l,e,t)=>{Nn=l.left,jn=l.top,xi(null,e,t)};let di=0==jl.ori?ci:hi,pi=1==jl.ori?ci:hi;function mi(l,e){if(null!=l&&(l.idxs?l.idxs.forEach(((l,e)=>{te[e]=l})):(l=>void 0===l)(l.idx)||te.fill(l.idx),ie.idx=te[0]),se&&ie.live){for(let l=0;pl.length>l;l++)(l>0||1==M&&!xe)&&gi(l,te[l]);!function(){if(se&&ie.live)for(let l=2==M?1:0;pl.length>l;l++){if(0==l&&xe)continue;let e=ie.values[l],t=0;for(let n in e)ge[l][t++].firstChild.nodeValue=e[n]}}()}_t=!1,!1!==e&&Ci("setLegend")}function gi(l,e){let t,n=pl[l],i=0==l&&2==Ul?pn:g[l];xe?t=n.values(k,l,e)??we:(t=n.value(k,null==e?null:i[e],l,e),t=null==t?we:{_:t}),ie.values[l]=t}function xi(l,e,t){let n;Ln=Nn,On=jn,[Nn,jn]=oe.move(k,Nn,jn),oe.left=Nn,oe.top=jn,re&&(Cn&&A(Cn,rl(Nn),0,Ie,Le),Hn&&A(Hn,0,rl(jn),Ie,Le)),si=gl,ri=null;let i=0==jl.ori?Ie:Le,o=1==jl.ori?Ie:Le;if(0>Nn||0==Gt||Lt>en){n=oe.idx=null;for(let l=0;pl.length>l;l++){let e=Dt[l];null!=e&&A(e,-10,-10,Ie,Le)}Et&&oi(null,ai,!0,null==l&&Fi.setSeries),ie.live&&(te.fill(n),_t=!0)}else{let l,e,t;1==M&&(l=0==jl.ori?Nn:jn,e=fi(l,El),n=oe.idx=L(e,g[0],Lt,en),t=$l(g[0][n],jl,i,0));let s=-10,r=-10,u=0,a=0,f=!0,c="",h="";for(let l=2==M?1:0;pl.length>l;l++){let d=pl[l],p=te[l],m=null==p?null:1==M?g[l][p]:g[l][1][p],x=oe.dataIdx(k,l,n,e),w=null==x?null:1==M?g[l][x]:g[l][1][x];if(_t=_t||w!=m||x!=p,te[l]=x,l>0&&d.show){let e=null==x?-10:x==n?t:$l(1==M?g[0][x]:g[l][0][x],jl,i,0),p=null==w?-10:ql(w,1==M?vl[d.scale]:vl[d.facets[1].scale],o,0);if(Et&&null!=w){let e=1==jl.ori?Nn:jn,t=ol(Tt.dist(k,l,x,p,e));if(si>t){let n=Tt.bias;if(0!=n){let i=fi(e,d.scale),o=0>i?-1:1;o!=(0>w?-1:1)||(1==o?1==n?i>w:w>i:1==n?w>i:i>w)||(si=t,ri=l)}else si=t,ri=l}}if(_t||zt){let t,n;0==jl.ori?(t=e,n=p):(t=p,n=e);let i,o,d,m,g,x,w=!0,_=St.bbox;if(null!=_){w=!1;let e=_(k,l);d=e.left,m=e.top,i=e.width,o=e.height}else d=t,m=n,i=o=St.size(k,l);if(x=St.fill(k,l),g=St.stroke(k,l),zt)l!=ri||si>Tt.prox||(s=d,r=m,u=i,a=o,f=w,c=x,h=g);else{let e=Dt[l];null!=e&&(Pt[l]=d,At[l]=m,H(e,i,o,w),Y(e,x,g),A(e,ul(d),ul(m),Ie,Le))}}}}if(zt){let l=Tt.prox;if(_t||(null==ui?l>=si:si>l||ri!=ui)){let l=Dt[0];null!=l&&(Pt[0]=s,At[0]=r,H(l,u,a,f),Y(l,c,h),A(l,ul(s),ul(r),Ie,Le))}}}if(ei.show&&Xn)if(null!=l){let[e,t]=Fi.scales,[n,s]=Fi.match,[r,u]=l.cursor.sync.scales,a=l.cursor.drag;if(Qn=a._x,li=a._y,Qn||li){let a,f,c,h,d,{left:p,top:m,width:g,height:x}=l.select,w=l.scales[r].ori,_=l.posToVal,b=null!=e&&n(e,r),v=null!=t&&s(t,u);b&&Qn?(0==w?(a=p,f=g):(a=m,f=x),c=vl[e],h=$l(_(a,r),c,i,0),d=$l(_(a+f,r),c,i,0),di(al(h,d),ol(d-h))):di(0,i),v&&li?(1==w?(a=p,f=g):(a=m,f=x),c=vl[t],h=ql(_(a,u),c,o,0),d=ql(_(a+f,u),c,o,0),pi(al(h,d),ol(d-h))):pi(0,o)}else yi()}else{let l=ol(Ln-Fn),e=ol(On-Rn);if(1==jl.ori){let t=l;l=e,e=t}Qn=Zn.x&&l>=Zn.dist,li=Zn.y&&e>=Zn.dist;let t,n,s=Zn.uni;null!=s?Qn&&li&&(Qn=l>=s,li=e>=s,Qn||li||(e>l?li=!0:Qn=!0)):Zn.x&&Zn.y&&(Qn||li)&&(Qn=li=!0),Qn&&(0==jl.ori?(t=Gn,n=Nn):(t=In,n=jn),di(al(t,n),ol(n-t)),li||pi(0,o)),li&&(1==jl.ori?(t=Gn,n=Nn):(t=In,n=jn),pi(al(t,n),ol(n-t)),Qn||di(0,i)),Qn||li||(di(0,0),pi(0,0))}if(Zn._x=Qn,Zn._y=li,null==l){if(t){if(null!=Ri){let[l,e]=Fi.scales;Fi.values[0]=null!=l?fi(0==jl.ori?Nn:jn,l):null,Fi.values[1]=null!=e?fi(1==jl.ori?Nn:jn,e):null}Ii(f,k,Nn,jn,Ie,Le,n)}if(Et){let l=t&&Fi.setSeries,e=Tt.prox;null==ui?si>e||oi(ri,ai,!0,l):si>e?oi(null,ai,!0,l):ri!=ui&&oi(ri,ai,!0,l)}}_t&&(ie.idx=n,mi()),!1!==e&&Ci("setCursor")}k.setLegend=mi;let wi=null;function _i(l=!1){l?wi=null:(wi=el.getBoundingClientRect(),Ci("syncRect",wi))}function bi(l,e,t,n,i,o){oe._lock||Xn&&null!=l&&0==l.movementX&&0==l.movementY||(vi(l,e,t,n,i,o,0,!1,null!=l),null!=l?xi(null,!0,!0):xi(e,!0,!1))}function vi(l,e,t,n,i,o,s,r,u){if(null==wi&&_i(!1),Mt(l),null!=l)t=l.clientX-wi.left,n=l.clientY-wi.top;else{if(0>t||0>n)return Nn=-10,void(jn=-10);let[l,s]=Fi.scales,r=e.cursor.sync,[u,a]=r.values,[f,c]=r.scales,[h,d]=Fi.match,p=e.axes[0].side%2==1,m=0==jl.ori?Ie:Le,g=1==jl.ori?Ie:Le,x=p?o:i,w=p?i:o,_=p?n:t,b=p?t:n;if(t=null!=f?h(l,f)?C(u,vl[l],m,0):-10:m*(_/x),n=null!=c?d(s,c)?C(a,vl[s],g,0):-10:g*(b/w),1==jl.ori){let l=t;t=n,n=l}}!u||null!=e&&e.cursor.event.type!=f||(t>1&&Ie-1>t||(t=zl(t,Ie)),n>1&&Le-1>n||(n=zl(n,Le))),r?(Fn=t,Rn=n,[Gn,In]=oe.move(k,t,n)):(Nn=t,jn=n)}Object.defineProperty(k,"rect",{get:()=>(null==wi&&_i(!1),wi)});const ki={width:0,height:0,left:0,top:0};function yi(){ni(ki,!1)}let Mi,Si,Ti,Ei;function zi(l,e,t,n,i,o){Xn=!0,Qn=li=Zn._x=Zn._y=!1,vi(l,e,t,n,i,o,0,!0,!1),null!=l&&(Ce(h,b,Di,!1),Ii(c,k,Gn,In,Ie,Le,null));let{left:s,top:r,width:u,height:a}=ei;Mi=s,Si=r,Ti=u,Ei=a}function Di(l,e,t,n,i,o){Xn=Zn._x=Zn._y=!1,vi(l,e,t,n,i,o,0,!1,!0);let{left:s,top:r,width:u,height:a}=ei,f=u>0||a>0,c=Mi!=s||Si!=r||Ti!=u||Ei!=a;if(f&&c&&ni(ei),Zn.setScale&&f&&c){let l=s,e=u,t=r,n=a;if(1==jl.ori&&(l=r,e=a,t=s,n=u),Qn&&ii(El,fi(l,El),fi(l+e,El)),li)for(let l in vl){let e=vl[l];l!=El&&null==e.from&&e.min!=gl&&ii(l,fi(t+n,l),fi(t,l))}yi()}else oe.lock&&(oe._lock=!oe._lock,xi(e,!0,null!=l));null!=l&&(He(h,b),Ii(h,k,Nn,jn,Ie,Le,null))}function Pi(l){oe._lock||(Mt(l),xn(),yi(),null!=l&&Ii(m,k,Nn,jn,Ie,Le,null))}function Ai(){xl.forEach(ln),vt(k.width,k.height,!0)}G(x,v,Ai);const Wi={};Wi.mousedown=zi,Wi.mousemove=bi,Wi.mouseup=Di,Wi.dblclick=Pi,Wi.setSeries=(l,e,t,n)=>{-1!=(t=(0,Fi.match[2])(k,e,t))&&oi(t,n,!0,!1)},re&&(Ce(c,el,zi),Ce(f,el,bi),Ce(d,el,(l=>{Mt(l),_i(!1)})),Ce(p,el,(function(l){if(oe._lock)return;Mt(l);let e=Xn;if(Xn){let l,e,t=!0,n=!0,i=10;0==jl.ori?(l=Qn,e=li):(l=li,e=Qn),l&&e&&(t=i>=Nn||Nn>=Ie-i,n=i>=jn||jn>=Le-i),l&&t&&(Nn=Gn>Nn?0:Ie),e&&n&&(jn=In>jn?0:Le),xi(null,!0,!0),Xn=!1}Nn=-10,jn=-10,te.fill(null),xi(null,!0,!0),e&&(Xn=e)})),Ce(m,el,Pi),It.add(k),k.syncRect=_i);const Yi=k.hooks=u.hooks||{};function Ci(l,e,t){Vn?Bn.push([l,e,t]):l in Yi&&Yi[l].forEach((l=>{l.call(null,k,e,t)}))}(u.plugins||[]).forEach((l=>{for(let e in l.hooks)Yi[e]=(Yi[e]||[]).concat(l.hooks[e])}));const Hi=(l,e,t)=>t,Fi=Bl({key:null,setSeries:!1,filters:{pub:Ml,sub:Ml},scales:[El,pl[1]?pl[1].scale:null],match:[Sl,Sl,Hi],values:[null,null]},oe.sync);2==Fi.match.length&&Fi.match.push(Hi),oe.sync=Fi;const Ri=Fi.key,Gi=dt(Ri);function Ii(l,e,t,n,i,o,s){Fi.filters.pub(l,e,t,n,i,o,s)&&Gi.pub(l,e,t,n,i,o,s)}function Li(){Ci("init",u,g),gn(g||u.data,!1),Kl[El]?Kn(El,Kl[El]):xn(),wt=ei.show&&(ei.width>0||ei.height>0),xt=_t=!0,vt(u.width,u.height)}return Gi.sub(k),k.pub=function(l,e,t,n,i,o,s){Fi.filters.sub(l,e,t,n,i,o,s)&&Wi[l](null,e,t,n,i,o,s)},k.destroy=function(){Gi.unsub(k),It.delete(k),Pe.clear(),I(x,v,Ai),R.remove(),ce?.remove(),Ci("destroy")},pl.forEach(Yt),xl.forEach((function(l,e){if(l._show=l.show,l.show){let t=vl[l.scale];null==t&&(l.scale=l.side%2?pl[1].scale:El,t=vl[l.scale]);let n=t.time;l.size=bl(l.size),l.space=bl(l.space),l.rotate=bl(l.rotate),Gl(l.incrs)&&l.incrs.forEach((l=>{!Wl.has(l)&&Wl.set(l,Yl(l))})),l.incrs=bl(l.incrs||(2==t.distr?ae:n?1==hl?ke:Se:fe)),l.splits=bl(l.splits||(n&&1==t.distr?Ql:3==t.distr?Je:4==t.distr?qe:$e)),l.stroke=bl(l.stroke),l.grid.stroke=bl(l.grid.stroke),l.ticks.stroke=bl(l.ticks.stroke),l.border.stroke=bl(l.border.stroke);let i=l.values;l.values=Gl(i)&&!Gl(i[0])?bl(i):n?Gl(i)?De(Xl,ze(i,Zl)):Ll(i)?function(l,e){let t=ne(e);return(e,n)=>n.map((e=>t(l(e))))}(Xl,i):i||le:i||Be,l.filter=bl(l.filter||(3>t.distr||10!=t.log?3==t.distr&&2==t.log?tt:kl:et)),l.font=Qt(l.font),l.labelFont=Qt(l.labelFont),l._size=l.size(k,null,e,0),l._space=l._rotate=l._incrs=l._found=l._splits=l._values=null,l._size>0&&(Ct[e]=!0,l._el=D("u-axis",X))}})),_?_ instanceof HTMLElement?(_.appendChild(R),Li()):_(k,Li):Li(),k}en.assign=Bl,en.fmtNum=tl,en.rangeNum=Z,en.rangeLog=B,en.rangeAsinh=$,en.orient=pt,en.pxRatio=y,en.join=function(l,e){if(function(l){let e=l[0][0],t=e.length;for(let n=1;l.length>n;n++){let i=l[n][0];if(i.length!=t)return!1;if(i!=e)for(let l=0;t>l;l++)if(i[l]!=e[l])return!1}return!0}(l)){let e=l[0].slice();for(let t=1;l.length>t;t++)e.push(...l[t].slice(1));return function(l,e=100){const t=l.length;if(1>=t)return!0;let n=0,i=t-1;for(;i>=n&&null==l[n];)n++;for(;i>=n&&null==l[i];)i--;if(n>=i)return!0;const o=fl(1,sl((i-n+1)/e));for(let e=l[n],t=n+o;i>=t;t+=o){const n=l[t];if(null!=n){if(e>=n)return!1;e=n}}return!0}(e[0])||(e=function(l){let e=l[0],t=e.length,n=Array(t);for(let l=0;n.length>l;l++)n[l]=l;n.sort(((l,t)=>e[l]-e[t]));let i=[];for(let e=0;l.length>e;e++){let o=l[e],s=Array(t);for(let l=0;t>l;l++)s[l]=o[n[l]];i.push(s)}return i}(e)),e}let t=new Set;for(let e=0;l.length>e;e++){let n=l[e][0],i=n.length;for(let l=0;i>l;l++)t.add(n[l])}let n=[Array.from(t).sort(((l,e)=>l-e))],i=n[0].length,o=new Map;for(let l=0;i>l;l++)o.set(n[0][l],l);for(let t=0;l.length>t;t++){let s=l[t],r=s[0];for(let l=1;s.length>l;l++){let u=s[l],a=Array(i).fill(void 0),f=e?e[t][l]:1,c=[];for(let l=0;u.length>l;l++){let e=u[l],t=o.get(r[l]);null===e?0!=f&&(a[t]=e,2==f&&c.push(t)):a[t]=e}$l(a,c,i),n.push(a)}}return n},en.fmtDate=ne,en.tzDate=function(l,e){let t;return"UTC"==e||"Etc/UTC"==e?t=new Date(+l+6e4*l.getTimezoneOffset()):e==ie?t=l:(t=new Date(l.toLocaleString("en-US",{timeZone:e})),t.setMilliseconds(l.getMilliseconds())),t},en.sync=dt;{en.addGap=function(l,e,t){let n=l[l.length-1];n&&n[0]==e?n[1]=t:l.push([e,t])},en.clipGaps=wt;let l=en.paths={points:Wt};l.linear=Ft,l.stepped=function(l){const e=Q(l.align,1),t=Q(l.ascDesc,!1),n=Q(l.alignGaps,0),i=Q(l.extend,!1);return(l,o,s,r)=>pt(l,o,((u,a,f,c,h,d,p,m,g,x,w)=>{[s,r]=U(f,s,r);let _=u.pxRound,{left:b,width:v}=l.bbox,k=l=>_(d(l,c,x,m)),M=l=>_(p(l,h,w,g)),S=0==c.ori?Mt:St;const T={stroke:new Path2D,fill:null,clip:null,band:null,gaps:null,flags:1},E=T.stroke,z=c.dir*(0==c.ori?1:-1);let D=M(f[1==z?s:r]),P=k(a[1==z?s:r]),A=P,W=P;i&&-1==e&&(W=b,S(E,W,D)),S(E,P,D);for(let l=1==z?s:r;l>=s&&r>=l;l+=z){let t=f[l];if(null==t)continue;let n=k(a[l]),i=M(t);1==e?S(E,n,D):S(E,A,i),S(E,n,i),D=i,A=n}let Y=A;i&&1==e&&(Y=b+v,S(E,Y,D));let[C,H]=mt(l,o);if(null!=u.fill||0!=C){let e=T.fill=new Path2D(E),t=M(u.fillTo(l,o,u.min,u.max,C));S(e,Y,t),S(e,W,t)}if(!u.spanGaps){let i=[];i.push(..._t(a,f,s,r,z,k,n));let h=u.width*y/2,d=t||1==e?h:-h,p=t||-1==e?-h:h;i.forEach((l=>{l[0]+=d,l[1]+=p})),T.gaps=i=u.gaps(l,o,s,r,i),T.clip=wt(i,c.ori,m,g,x,w)}return 0!=H&&(T.band=2==H?[xt(l,o,s,r,E,-1),xt(l,o,s,r,E,1)]:xt(l,o,s,r,E,H)),T}))},l.bars=function(l){const e=Q((l=l||Hl).size,[.6,gl,1]),t=l.align||0,n=l.gap||0;let i=l.radius;i=null==i?[0,0]:"number"==typeof i?[i,0]:i;const o=bl(i),s=1-e[0],r=Q(e[1],gl),u=Q(e[2],1),a=Q(l.disp,Hl),f=Q(l.each,(()=>{})),{fill:c,stroke:h}=a;return(l,e,i,d)=>pt(l,e,((p,m,g,x,w,_,b,v,k,M,S)=>{let T,E,z=p.pxRound,D=t,P=n*y,A=r*y,W=u*y;0==x.ori?[T,E]=o(l,e):[E,T]=o(l,e);const Y=x.dir*(0==x.ori?1:-1);let C,H,F,R=0==x.ori?Tt:Et,G=0==x.ori?f:(l,e,t,n,i,o,s)=>{f(l,e,t,i,n,s,o)},I=Q(l.bands,Fl).find((l=>l.series[0]==e)),L=p.fillTo(l,e,p.min,p.max,null!=I?I.dir:0),O=z(b(L,w,S,k)),N=M,j=z(p.width*y),U=!1,V=null,B=null,$=null,J=null;null==c||0!=j&&null==h||(U=!0,V=c.values(l,e,i,d),B=new Map,new Set(V).forEach((l=>{null!=l&&B.set(l,new Path2D)})),j>0&&($=h.values(l,e,i,d),J=new Map,new Set($).forEach((l=>{null!=l&&J.set(l,new Path2D)}))));let{x0:q,size:K}=a;if(null!=q&&null!=K){D=1,m=q.values(l,e,i,d),2==q.unit&&(m=m.map((e=>l.posToVal(v+e*M,x.key,!0))));let t=K.values(l,e,i,d);H=2==K.unit?t[0]*M:_(t[0],x,M,v)-_(0,x,M,v),N=Rt(m,g,_,x,M,v,N),F=N-H+P}else N=Rt(m,g,_,x,M,v,N),F=N*s+P,H=N-F;1>F&&(F=0),H/2>j||(j=0),5>F&&(z=vl);let X=F>0;H=z(wl(N-F-(X?j:0),W,A)),C=(0==D?H/2:D==Y?0:H)-D*Y*((0==D?P/2:0)+(X?j/2:0));const Z={stroke:null,fill:null,clip:null,band:null,gaps:null,flags:0},ll=U?null:new Path2D;let el=null;if(null!=I)el=l.data[I.series[1]];else{let{y0:t,y1:n}=a;null!=t&&null!=n&&(g=n.values(l,e,i,d),el=t.values(l,e,i,d))}let tl=T*H,nl=E*H;for(let t=1==Y?i:d;t>=i&&d>=t;t+=Y){let n=g[t];if(null==n)continue;if(null!=el){let l=el[t]??0;if(n-l==0)continue;O=b(l,w,S,k)}let i=_(2!=x.distr||null!=a?m[t]:t,x,M,v),o=b(Q(n,L),w,S,k),s=z(i-C),r=z(fl(o,O)),u=z(al(o,O)),f=r-u;if(null!=n){let i=0>n?nl:tl,o=0>n?tl:nl;U?(j>0&&null!=$[t]&&R(J.get($[t]),s,u+sl(j/2),H,fl(0,f-j),i,o),null!=V[t]&&R(B.get(V[t]),s,u+sl(j/2),H,fl(0,f-j),i,o)):R(ll,s,u+sl(j/2),H,fl(0,f-j),i,o),G(l,e,t,s-j/2,u,H+j,f)}}return j>0?Z.stroke=U?J:ll:U||(Z._fill=0==p.width?p._fill:p._stroke??p._fill,Z.width=0),Z.fill=U?B:ll,Z}))},l.spline=function(l){return function(l,e){const t=Q(e?.alignGaps,0);return(e,n,i,o)=>pt(e,n,((s,r,u,a,f,c,h,d,p,m,g)=>{[i,o]=U(u,i,o);let x,w,_,b=s.pxRound,v=l=>b(c(l,a,m,d)),k=l=>b(h(l,f,g,p));0==a.ori?(x=kt,_=Mt,w=Pt):(x=yt,_=St,w=At);const y=a.dir*(0==a.ori?1:-1);let M=v(r[1==y?i:o]),S=M,T=[],E=[];for(let l=1==y?i:o;l>=i&&o>=l;l+=y)if(null!=u[l]){let e=v(r[l]);T.push(S=e),E.push(k(u[l]))}const z={stroke:l(T,E,x,_,w,b),fill:null,clip:null,band:null,gaps:null,flags:1},D=z.stroke;let[P,A]=mt(e,n);if(null!=s.fill||0!=P){let l=z.fill=new Path2D(D),t=k(s.fillTo(e,n,s.min,s.max,P));_(l,S,t),_(l,M,t)}if(!s.spanGaps){let l=[];l.push(..._t(r,u,i,o,y,v,t)),z.gaps=l=s.gaps(e,n,i,o,l),z.clip=wt(l,a.ori,d,p,m,g)}return 0!=A&&(z.band=2==A?[xt(e,n,i,o,D,-1),xt(e,n,i,o,D,1)]:xt(e,n,i,o,D,A)),z}))}(Gt,l)}}return en}();\n', "style": '.uplot, .uplot *, .uplot *::before, .uplot *::after {box-sizing: border-box;}.uplot {font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif, "Apple Color Emoji", "Segoe UI Emoji", "Segoe UI Symbol", "Noto Color Emoji";line-height: 1.5;width: min-content;}.u-title {text-align: center;font-size: 18px;font-weight: bold;}.u-wrap {position: relative;user-select: none;}.u-over, .u-under {position: absolute;}.u-under {overflow: hidden;}.uplot canvas {display: block;position: relative;width: 100%;height: 100%;}.u-axis {position: absolute;}.u-legend {font-size: 14px;margin: auto;text-align: center;}.u-inline {display: block;}.u-inline * {display: inline-block;}.u-inline tr {margin-right: 16px;}.u-legend th {font-weight: 600;}.u-legend th > * {vertical-align: middle;display: inline-block;}.u-legend .u-marker {width: 1em;height: 1em;margin-right: 4px;background-clip: padding-box !important;}.u-inline.u-live th::after {content: ":";vertical-align: middle;}.u-inline:not(.u-live) .u-value {display: none;}.u-series > * {padding: 4px;}.u-series th {cursor: pointer;}.u-legend .u-off > * {opacity: 0.3;}.u-select {background: rgba(0,0,0,0.07);position: absolute;pointer-events: none;}.u-cursor-x, .u-cursor-y {position: absolute;left: 0;top: 0;pointer-events: none;will-change: transform;}.u-hz .u-cursor-x, .u-vt .u-cursor-y {height: 100%;border-right: 1px dashed #607D8B;}.u-hz .u-cursor-y, .u-vt .u-cursor-x {width: 100%;border-bottom: 1px dashed #607D8B;}.u-cursor-pt {position: absolute;top: 0;left: 0;border-radius: 50%;border: 0 solid;pointer-events: none;will-change: transform;/*this has to be !important since we set inline "background" shorthand */background-clip: padding-box !important;}.u-axis.u-off, .u-select.u-off, .u-cursor-x.u-off, .u-cursor-y.u-off, .u-cursor-pt.u-off {display: none;}', "version": "1.6.32" };
}

// src/fleet/dashboard.ts
var MAX_PEOPLE_ROWS = 500;
var MAX_FINDING_ROWS = 500;
var STATUS_RANK = { error: 0, fail: 1, pass: 2 };
var COLORS = { critical: "#b91c1c", high: "#c2410c", medium: "#a16207", low: "#1d4ed8" };
function escapeHtml(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}
function scriptJson(value) {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}
function cspHash(script) {
  return `'sha256-${createHash("sha256").update(script, "utf8").digest("base64")}'`;
}
var isLink = (url) => url !== null && /^https?:\/\/[^\s"'<>]+$/.test(url);
function tenantRow(t, rank) {
  const c = t.counts;
  const problem = t.errors[0];
  const status = `<span class="status ${t.status}">${t.status}</span>${t.status === "error" && problem ? `<br><small>${escapeHtml(problem.message.slice(0, 300))} [${escapeHtml(problem.code)}]</small>` : ""}`;
  const num = (n, cls = "") => `<td class="num${cls && n > 0 ? ` ${cls}` : ""}" data-sort="${n}">${n}</td>`;
  return `<tr><td class="num" data-sort="${rank}">${rank}</td><td data-sort="${escapeHtml(t.name)}">${escapeHtml(t.name)}${t.tenant ? ` <small>#${escapeHtml(t.tenant)}</small>` : ""}</td><td data-sort="${STATUS_RANK[t.status]}">${status}</td>` + num(c.critical, "critical") + num(c.high, "high") + num(c.medium, "medium") + num(c.low, "low") + num(c.exempted) + num(c.users) + `<td data-sort="${escapeHtml(t.finishedAt ?? "")}">${t.finishedAt ? escapeHtml(t.finishedAt.slice(0, 16).replace("T", " ")) : ""}${isLink(t.runUrl) ? ` <a href="${escapeHtml(t.runUrl)}" rel="noopener noreferrer">run</a>` : ""}</td></tr>`;
}
function header(columns, sorted) {
  return `<thead><tr>${columns.map(
    ([label, type], i) => `<th scope="col" data-type="${type}"${i === sorted ? ' aria-sort="ascending"' : ""}>${escapeHtml(label)}</th>`
  ).join("")}</tr></thead>`;
}
function tenantsTable(report) {
  const columns = [
    ["#", "number"],
    ["Tenant", "text"],
    ["Status", "number"],
    ["Critical", "number"],
    ["High", "number"],
    ["Medium", "number"],
    ["Low", "number"],
    ["Exempted", "number"],
    ["Users", "number"],
    ["Audited", "text"]
  ];
  return `<table id="tenants-table" class="sortable"><caption>Worst first: errored tenants, then by critical, high, medium and low findings. Select a heading to sort.</caption>` + header(columns, 0) + `<tbody>${report.tenants.map((t, i) => tenantRow(t, i + 1)).join("")}</tbody></table>`;
}
function findingsSection(report) {
  if (report.findings.length === 0) {
    return "<p>No one is locked or deactivated in one tenant and still active in another.</p>";
  }
  const rows = report.findings.slice(0, MAX_FINDING_ROWS).map(
    (f) => `<tr><td><span class="sev critical">critical</span></td><td>${escapeHtml(f.person.email ?? `aadUserId ${f.person.aadUserId ?? ""}`)}${f.person.name ? `<br><small>${escapeHtml(f.person.name)}</small>` : ""}</td><td>${escapeHtml(f.inactiveIn.map((t) => `${t.tenant} (${t.state})`).join(", "))}</td><td>${escapeHtml(f.activeIn.join(", "))}</td></tr>`
  ).join("");
  return `<table id="findings-table" class="sortable"><caption>fleet-leaver-elsewhere: an account locked or deactivated in one tenant and still active in another.</caption>` + header([
    ["Severity", "text"],
    ["Person", "text"],
    ["Locked or deactivated in", "text"],
    ["Still active in", "text"]
  ]) + `<tbody>${rows}</tbody></table>` + (report.findings.length > MAX_FINDING_ROWS ? `<p>And ${report.findings.length - MAX_FINDING_ROWS} more in fleet-report.json.</p>` : "");
}
function peopleSection(report) {
  const m = report.totals.tenants;
  if (report.people.length === 0) {
    return "<p>No one has an account in more than one tenant (of the tenants whose people could be compared).</p>";
  }
  const shown = report.people.slice(0, MAX_PEOPLE_ROWS);
  const rows = shown.map((p) => {
    const holds = p.holds.map((h) => `${escapeHtml(h.permission)} in ${h.tenants.length} of ${m} tenants`).join("<br>");
    const reach = p.holds[0]?.tenants.length ?? 0;
    return `<tr><td data-sort="${escapeHtml(p.email ?? p.aadUserId ?? "")}">${escapeHtml(p.email ?? `aadUserId ${p.aadUserId ?? ""}`)}${p.name ? `<br><small>${escapeHtml(p.name)}</small>` : ""}</td><td class="num" data-sort="${p.tenants.length}">${p.tenants.length} of ${m}</td><td data-sort="${reach}">${holds || '<span class="muted">nothing forbidden</span>'}</td><td>${escapeHtml(p.tenants.map((t) => t.state === "active" ? t.tenant : `${t.tenant} (${t.state})`).join(", "))}</td></tr>`;
  }).join("");
  const more = report.peopleTotal - shown.length;
  return `<table id="people-table" class="sortable"><caption>The same person (email, case-insensitive, or aadUserId) in several tenants, widest reach first.</caption>` + header([
    ["Person", "text"],
    ["Tenants", "number"],
    ["Holds (forbidden by policy)", "number"],
    ["Accounts", "text"]
  ]) + `<tbody>${rows}</tbody></table>` + (more > 0 ? `<p>And ${more} more in fleet-report.json.</p>` : "");
}
var STYLE = `
:root{color-scheme:light;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;background:#fff}
body{margin:0 auto;max-width:1200px;padding:1rem 1.5rem 3rem}
h1{font-size:1.5rem;margin:.5rem 0}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #d0d7de;padding-bottom:.3rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}caption{text-align:left;color:#59636e;padding:.3rem 0;font-size:.85rem}
th,td{border-bottom:1px solid #d0d7de;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f8fa;white-space:nowrap}th button{font:inherit;font-weight:600;background:none;border:0;padding:0;cursor:pointer;color:inherit}
th[aria-sort=ascending] button::after{content:" \\25B2"}th[aria-sort=descending] button::after{content:" \\25BC"}
td.num{text-align:right;font-variant-numeric:tabular-nums}small,.muted{color:#59636e}
td.critical{color:${COLORS.critical};font-weight:700}td.high{color:${COLORS.high};font-weight:700}td.medium{color:${COLORS.medium}}td.low{color:${COLORS.low}}
.status{font-weight:700;text-transform:uppercase;font-size:.8rem}.status.error{color:#8250df}.status.fail{color:${COLORS.critical}}.status.pass{color:#1a7f37}
.sev.critical{color:${COLORS.critical};font-weight:700}
.totals{display:flex;flex-wrap:wrap;gap:1rem;margin:.5rem 0 0;padding:0;list-style:none}.totals li{background:#f6f8fa;border-radius:6px;padding:.4rem .8rem}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(280px,1fr));gap:1rem}
figure{margin:0;border:1px solid #d0d7de;border-radius:6px;padding:.5rem}figcaption{font-weight:600;margin-bottom:.3rem}
.notes li{margin:.3rem 0}
`;
var SCRIPT = `(function () {
  'use strict';
  var trend = JSON.parse(document.getElementById('fleet-trend').textContent);
  var colors = ${JSON.stringify(COLORS)};
  ['critical', 'high', 'medium', 'low'].forEach(function (severity) {
    var figure = document.getElementById('chart-' + severity);
    var target = figure.querySelector('.plot');
    target.textContent = '';
    var width = Math.max(260, Math.min(560, figure.clientWidth - 16));
    new uPlot({
      width: width,
      height: 180,
      scales: { x: { time: true } },
      series: [{}, { label: severity, stroke: colors[severity], fill: colors[severity] + '22', width: 2, points: { show: true, size: 5 } }],
      legend: { show: true }
    }, [trend.at, trend[severity]], target);
  });
  function cellKey(row, column, type) {
    var cell = row.cells[column];
    var raw = cell.hasAttribute('data-sort') ? cell.getAttribute('data-sort') : cell.textContent;
    return type === 'number' ? Number(raw) : raw.toLowerCase();
  }
  Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), function (table) {
    var headings = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(headings, function (th, column) {
      var button = document.createElement('button');
      button.type = 'button';
      button.textContent = th.textContent;
      th.textContent = '';
      th.appendChild(button);
      button.addEventListener('click', function () {
        var ascending = th.getAttribute('aria-sort') !== 'ascending';
        var type = th.getAttribute('data-type');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellKey(a, column, type), y = cellKey(b, column, type);
          var order = x < y ? -1 : x > y ? 1 : 0;
          return ascending ? order : -order;
        });
        Array.prototype.forEach.call(headings, function (other) { other.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });
})();`;
function renderDashboard(report, history) {
  const { script: chartScript, style: chartStyle, version } = uplotAssets();
  const trend = trendSeries(history);
  const t = report.totals;
  const generated = report.generatedAt.slice(0, 16).replace("T", " ");
  const csp = [
    "default-src 'none'",
    `script-src ${cspHash(chartScript)} ${cspHash(SCRIPT)}`,
    "style-src 'unsafe-inline'",
    "img-src data:",
    "base-uri 'none'",
    "form-action 'none'"
  ].join("; ");
  const charts = SEVERITIES.map(
    (severity) => `<figure id="chart-${severity}" class="chart"><figcaption>${severity[0].toUpperCase()}${severity.slice(1)}</figcaption><div class="plot"><p class="muted">Now: ${t[severity]} across the fleet. The chart needs JavaScript.</p></div></figure>`
  ).join("");
  const notes = report.notes.length ? `<section id="notes"><h2>Notes</h2><ul class="notes">${report.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join("")}</ul></section>` : "";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ServiceTitan fleet access, ${escapeHtml(generated)} UTC</title>
<style>${chartStyle}</style>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>ServiceTitan fleet access: <span class="status ${report.status}">${report.status}</span></h1>
<p class="muted">Rolled up ${escapeHtml(generated)} UTC from ${t.tenants} tenant${t.tenants === 1 ? "" : "s"}${report.redacted ? "; names and emails are masked" : ""}.</p>
<ul class="totals">
<li><strong>${t.tenants}</strong> tenants</li>
<li><strong>${t.errored}</strong> errored</li>
<li class="critical"><strong>${t.critical}</strong> critical</li>
<li><strong>${t.high}</strong> high</li>
<li><strong>${t.medium}</strong> medium</li>
<li><strong>${t.low}</strong> low</li>
<li><strong>${report.findings.length}</strong> fleet findings</li>
<li><strong>${t.users}</strong> users</li>
</ul>
</header>
<section id="trend"><h2>Trend</h2><p class="muted">Findings across the fleet per run (${trend.at.length} run${trend.at.length === 1 ? "" : "s"} in the history).</p><div class="charts">${charts}</div></section>
<section id="tenants"><h2>Tenants</h2>${tenantsTable(report)}</section>
<section id="findings"><h2>Fleet findings</h2>${findingsSection(report)}</section>
<section id="people"><h2>People across tenants</h2>${peopleSection(report)}</section>
${notes}
<footer><p class="muted">servicetitan-access-guard ${escapeHtml(report.tool.version)} \xB7 charts by uPlot ${escapeHtml(version)} (MIT)</p></footer>
<script type="application/json" id="fleet-trend">${scriptJson(trend)}</script>
<script>${chartScript}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

// src/fleet/history.ts
import { appendFile, mkdir, open as open2, readFile, stat } from "node:fs/promises";
import path2 from "node:path";
var MAX_HISTORY_LINES = 5e3;
var MAX_HISTORY_BYTES = 64 * 1024 * 1024;
var TENANT_KEY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
var isRecord = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
var whole = (v) => typeof v === "number" && Number.isInteger(v) && v >= 0;
function historyLine(at, runs) {
  const tenants = {};
  for (const run of runs) {
    const c = run.counts;
    tenants[run.name] = {
      critical: c.critical,
      high: c.high,
      medium: c.medium,
      low: c.low,
      status: run.status
    };
  }
  return { version: 1, at: at.toISOString(), tenants };
}
async function readHistory(file, shown) {
  let text;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw unreadable2(shown, "not a file");
    if (info.size > MAX_HISTORY_BYTES)
      throw unreadable2(shown, `larger than ${MAX_HISTORY_BYTES / 1024 / 1024} MB`);
    text = await readFile(file, "utf8");
  } catch (error) {
    if (error instanceof ConfigurationError) throw error;
    if (error.code === "ENOENT") return { lines: [], skipped: [] };
    throw unreadable2(shown, error.code ?? "unreadable");
  }
  const lines = [];
  const skipped = [];
  const raw = text.split("\n");
  for (const [i, line] of raw.entries()) {
    if (line.trim() === "") continue;
    const parsed = parseLine(line);
    if (parsed) lines.push(parsed);
    else skipped.push(i + 1);
  }
  return { lines: lines.slice(-MAX_HISTORY_LINES), skipped };
}
function parseLine(line) {
  let value;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (!isRecord(value) || value.version !== 1 || typeof value.at !== "string" || Number.isNaN(Date.parse(value.at)))
    return null;
  if (!isRecord(value.tenants)) return null;
  const tenants = {};
  for (const [name, counts] of Object.entries(value.tenants)) {
    if (!TENANT_KEY.test(name) || !isRecord(counts)) return null;
    const { critical, high, medium, low, status } = counts;
    if (!whole(critical) || !whole(high) || !whole(medium) || !whole(low)) return null;
    if (status !== "pass" && status !== "fail" && status !== "error") return null;
    tenants[name] = { critical, high, medium, low, status };
  }
  return { version: 1, at: value.at, tenants };
}
async function appendHistory(file, line) {
  await mkdir(path2.dirname(file), { recursive: true });
  let prefix = "";
  try {
    const handle = await open2(file, "r");
    try {
      const { size } = await handle.stat();
      if (size > 0) {
        const last = Buffer.alloc(1);
        await handle.read(last, 0, 1, size - 1);
        if (last[0] !== 10) prefix = "\n";
      }
    } finally {
      await handle.close();
    }
  } catch {
  }
  await appendFile(file, `${prefix}${JSON.stringify(line)}
`);
}
function unreadable2(shown, why) {
  return new ConfigurationError(
    "fleet.history-unreadable",
    `The history file ${shown} cannot be read (${why}).`,
    "Give `history` (`--history FILE`) the JSON Lines file earlier roll-ups appended to, or a path where none exists yet to start one."
  );
}

// src/fleet/matrix.ts
function fleetMatrix(fleet) {
  return {
    include: fleet.tenants.map((t) => ({
      name: t.name,
      policy: t.policy,
      environment: t.environment,
      "secret-suffix": t.secretSuffix
    }))
  };
}
async function checkFleetPolicies(fleet, load) {
  if (fleet.tenants.length > MAX_MATRIX_TENANTS) {
    throw new ConfigurationError(
      "fleet.matrix-too-large",
      `The fleet lists ${fleet.tenants.length} tenants; GitHub runs at most ${MAX_MATRIX_TENANTS} jobs from one matrix.`,
      "Split the tenants over several fleet files, one matrix job each; one fleet-report job can still roll up every report."
    );
  }
  const byPolicy = /* @__PURE__ */ new Map();
  for (const t of fleet.tenants) byPolicy.set(t.policy, [...byPolicy.get(t.policy) ?? [], t.name]);
  const issues = [];
  const checked = [];
  for (const [policyPath, tenants] of byPolicy) {
    try {
      const policy = await load(policyPath);
      checked.push({
        path: policyPath,
        rules: policy.rules.length,
        extends: (policy.source.extends ?? []).map((b) => b.path),
        tenants
      });
    } catch (error) {
      if (error instanceof PolicyError) issues.push(...error.issues);
      else if (error instanceof ConfigurationError) {
        const first = fleet.tenants.find((t) => t.policy === policyPath);
        issues.push({
          file: fleet.path,
          line: first?.line ?? 1,
          column: 1,
          code: error.code,
          message: `${error.message} (tenant${tenants.length === 1 ? "" : "s"} ${tenants.join(", ")})`,
          ...error.hint ? { hint: error.hint } : {}
        });
      } else throw error;
    }
  }
  if (issues.length > 0) throw new PolicyError(dedupe(issues));
  return checked;
}
function dedupe(issues) {
  const seen = /* @__PURE__ */ new Set();
  return issues.filter((i) => {
    const key = `${i.file}:${i.line}:${i.column}:${i.code}:${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
function policyLoader(options) {
  return (policyPath) => loadPolicyFile(options.resolve(policyPath), {
    now: options.now,
    displayPath: policyPath,
    ...options.workspace !== void 0 ? { workspace: options.workspace } : {}
  });
}

// src/fleet/key-table.ts
var EMPTY = 0;
var KeyTable = class {
  /** open addressing, linear probing: 0 empty, else id + 1 */
  slots = new Int32Array(1 << 16);
  hashes = new Int32Array(1 << 12);
  offsets = new Int32Array(1 << 12);
  lengths = new Int32Array(1 << 12);
  arena = Buffer.alloc(1 << 16);
  used = 0;
  size = 0;
  /** whether the last `intern` added the key */
  inserted = false;
  /** The id of the key in `src[start, end)`, added when new (`inserted` says which); -1 for a blank key. */
  intern(src, start, end) {
    while (start < end && isBlank(src[start])) start++;
    while (end > start && isBlank(src[end - 1])) end--;
    this.inserted = false;
    if (start >= end) return -1;
    let hash = 2166136261;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ lower(src[i]), 16777619);
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    for (; ; ) {
      const entry = this.slots[slot];
      if (entry === EMPTY) break;
      const id2 = entry - 1;
      if (this.hashes[id2] === hash && this.equals(id2, src, start, end)) return id2;
      slot = slot + 1 & mask;
    }
    const id = this.size++;
    if (id >= this.hashes.length) this.growEntries();
    const length = end - start;
    if (this.used + length > this.arena.length) this.growArena(length);
    for (let i = 0; i < length; i++) this.arena[this.used + i] = lower(src[start + i]);
    this.hashes[id] = hash;
    this.offsets[id] = this.used;
    this.lengths[id] = length;
    this.used += length;
    this.slots[slot] = id + 1;
    this.inserted = true;
    if (this.size * 2 > this.slots.length) this.rehash();
    return id;
  }
  /** The key of `id`, as text. */
  text(id) {
    const offset = this.offsets[id];
    return this.arena.toString("utf8", offset, offset + this.lengths[id]);
  }
  equals(id, src, start, end) {
    if (this.lengths[id] !== end - start) return false;
    const offset = this.offsets[id];
    for (let i = 0; i < end - start; i++) {
      if (this.arena[offset + i] !== lower(src[start + i])) return false;
    }
    return true;
  }
  growEntries() {
    const grow = (a) => {
      const next = new Int32Array(a.length * 2);
      next.set(a);
      return next;
    };
    this.hashes = grow(this.hashes);
    this.offsets = grow(this.offsets);
    this.lengths = grow(this.lengths);
  }
  growArena(need) {
    const next = Buffer.alloc(Math.max(this.arena.length * 2, this.used + need));
    this.arena.copy(next, 0, 0, this.used);
    this.arena = next;
  }
  rehash() {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let id = 0; id < this.size; id++) {
      let slot = this.hashes[id] & mask;
      while (slots[slot] !== EMPTY) slot = slot + 1 & mask;
      slots[slot] = id + 1;
    }
    this.slots = slots;
  }
};
function lower(byte) {
  return byte >= 65 && byte <= 90 ? byte + 32 : byte;
}
function isBlank(byte) {
  return byte === 32 || byte === 9;
}

// src/fleet/people.ts
var STATE_CODE = { active: 0, locked: 1, deactivated: 2 };
var STATES = ["active", "locked", "deactivated"];
var EMPTY_BYTES = Buffer.alloc(0);
var PeopleIndex = class {
  constructor(tenantNames) {
    this.tenantNames = tenantNames;
  }
  tenantNames;
  /** every email seen (key-table.ts: bytes, not strings), and the person of each */
  emailKeys = new KeyTable();
  emailPerson = [];
  /** aadUserId (lower-case) → person: few accounts have one */
  byAad = /* @__PURE__ */ new Map();
  parent = [];
  /** per person: the first account, as tenant index * 4 + state code (most people have one) */
  first = [];
  /** per person with more than one account: the others */
  more = /* @__PURE__ */ new Map();
  /** per person: the email (its id in emailKeys, -1 none) and aadUserId shown */
  emailIds = [];
  aads = [];
  /** names are kept only once a person is seen in a second tenant (memory: most people are in one) */
  names = /* @__PURE__ */ new Map();
  holdings = /* @__PURE__ */ new Map();
  /** whether the last account added was the person's first in another tenant than before */
  lastCrossed = false;
  /** Adds one account of the tenant at `tenant` (an index into the names given). */
  addAccount(tenant, account) {
    const person = this.add(tenant, account.email, account.aadUserId, account.active, account.locked);
    if (person !== null && account.name && this.wantsName(person)) this.names.set(person, account.name);
  }
  /**
   * Adds one account; the person it belongs to, or null for an account with neither an email nor
   * an aadUserId (nothing to match it by).
   */
  add(tenant, email, aadUserId, active, locked) {
    const bytes = email === null ? EMPTY_BYTES : Buffer.from(email, "utf8");
    return this.addBytes(tenant, bytes, 0, bytes.length, aadUserId, active, locked);
  }
  /** `add`, with the email as bytes `src[start, end)` (empty: none), as a roster row holds it. */
  addBytes(tenant, src, start, end, aadUserId, active, locked) {
    const person = this.personOf(src, start, end, aadUserId);
    if (person === null) return null;
    const code = tenant * 4 + STATE_CODE[!active ? "deactivated" : locked ? "locked" : "active"];
    const first = this.first[person];
    if (first < 0) {
      this.first[person] = code;
      this.lastCrossed = false;
      return person;
    }
    let list = this.more.get(person);
    if (first !== code) {
      if (!list) this.more.set(person, list = []);
      if (!list.includes(code)) list.push(code);
    }
    this.lastCrossed = first >> 2 !== tenant || (list?.some((c) => c >> 2 !== tenant) ?? false);
    return person;
  }
  /**
   * Whether the person is in two tenants or more and has no name yet: the caller then gives one.
   * Cheap for the account just added, which is asked about on every row of a roster.
   */
  wantsName(person) {
    return this.lastCrossed && !this.names.has(person);
  }
  setName(person, name) {
    this.names.set(person, name);
  }
  /** Records that the account holds `permission`, which a rule of its tenant forbids. */
  addHolding(tenant, account, permission) {
    const bytes = account.email === null ? EMPTY_BYTES : Buffer.from(account.email, "utf8");
    const person = this.personOf(bytes, 0, bytes.length, account.aadUserId);
    if (person === null) return;
    let byPermission = this.holdings.get(person);
    if (!byPermission) this.holdings.set(person, byPermission = /* @__PURE__ */ new Map());
    let tenants = byPermission.get(permission);
    if (!tenants) byPermission.set(permission, tenants = /* @__PURE__ */ new Set());
    tenants.add(tenant);
  }
  personOf(src, start, end, rawAad) {
    const emailId = start < end ? this.emailKeys.intern(src, start, end) : -1;
    const newEmail = this.emailKeys.inserted;
    const aad = rawAad === null ? null : lower2(rawAad);
    if (emailId < 0 && !aad) return null;
    const byEmail = emailId >= 0 && !newEmail ? this.emailPerson[emailId] : void 0;
    const byAad = aad ? this.byAad.get(aad) : void 0;
    let person;
    if (byEmail === void 0 && byAad === void 0) {
      person = this.parent.length;
      this.parent.push(person);
      this.first.push(-1);
      this.emailIds.push(emailId);
      this.aads.push(aad || null);
    } else if (byEmail !== void 0 && byAad !== void 0) {
      person = this.union(this.find(byEmail), this.find(byAad));
    } else {
      person = this.find(byEmail ?? byAad);
      if (emailId >= 0 && this.emailIds[person] === -1) this.emailIds[person] = emailId;
      if (aad && this.aads[person] === null) this.aads[person] = aad;
    }
    if (newEmail) this.emailPerson[emailId] = person;
    if (aad && byAad === void 0) this.byAad.set(aad, person);
    return person;
  }
  emailOf(person) {
    const id = this.emailIds[person];
    return id < 0 ? null : this.emailKeys.text(id);
  }
  codes(person) {
    const first = this.first[person];
    return first < 0 ? [] : [first, ...this.more.get(person) ?? []];
  }
  find(person) {
    let root = person;
    while (this.parent[root] !== root) root = this.parent[root];
    let node = person;
    while (this.parent[node] !== root) {
      const next = this.parent[node];
      this.parent[node] = root;
      node = next;
    }
    return root;
  }
  /** The same person under two keys (an email in one tenant, an aadUserId in another): one person. */
  union(a, b) {
    if (a === b) return a;
    this.parent[b] = a;
    const merged = [...this.codes(a)];
    for (const code of this.codes(b)) if (!merged.includes(code)) merged.push(code);
    this.first[a] = merged[0] ?? -1;
    if (merged.length > 1) this.more.set(a, merged.slice(1));
    this.first[b] = -1;
    this.more.delete(b);
    if (this.emailIds[a] === -1) this.emailIds[a] = this.emailIds[b];
    this.aads[a] ??= this.aads[b] ?? null;
    const name = this.names.get(b);
    if (name !== void 0 && !this.names.has(a)) this.names.set(a, name);
    this.names.delete(b);
    const held = this.holdings.get(b);
    if (held) {
      const target = this.holdings.get(a) ?? /* @__PURE__ */ new Map();
      for (const [permission, tenants] of held) {
        const set = target.get(permission) ?? /* @__PURE__ */ new Set();
        for (const t of tenants) set.add(t);
        target.set(permission, set);
      }
      this.holdings.set(a, target);
      this.holdings.delete(b);
    }
    return a;
  }
  /**
   * Everyone seen in two tenants or more (the `limit` with the widest reach, and how many in all),
   * and every leaver among them.
   */
  result(limit = Number.MAX_SAFE_INTEGER) {
    const leavers = [];
    const ranked = [];
    for (const person of [...this.more.keys()].sort((a, b) => a - b)) {
      if (this.parent[person] !== person) continue;
      const states = this.statesByTenant(person);
      if (states.length < 2) continue;
      const email = this.emailOf(person);
      const aadUserId = this.aads[person] ?? null;
      const key = email !== null ? `email:${email}` : `aad:${aadUserId}`;
      let reach = 0;
      for (const set of this.holdings.get(person)?.values() ?? [])
        if (set.size >= 2) reach = Math.max(reach, set.size);
      ranked.push({ person, reach, tenants: states.length, key });
      const activeIn = states.filter(([, s]) => s === 0).map(([t]) => this.tenantNames[t]);
      if (activeIn.length === 0 || activeIn.length === states.length) continue;
      const inactiveIn = states.filter(([, s]) => s !== 0).map(([t, s]) => ({
        tenant: this.tenantNames[t],
        state: STATES[s]
      }));
      leavers.push({
        id: findingId("fleet-leaver-elsewhere", key),
        rule: "fleet-leaver-elsewhere",
        severity: "critical",
        message: `${email ?? `aadUserId ${aadUserId}`} is ${describeInactive(inactiveIn)} and still active in ${listTenants(activeIn)}.`,
        person: { email, aadUserId, name: this.names.get(person) ?? null },
        inactiveIn,
        activeIn
      });
    }
    ranked.sort(
      (a, b) => b.reach - a.reach || b.tenants - a.tenants || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
    );
    const people = ranked.slice(0, limit).map(({ person, key }) => this.crossTenantPerson(person, key));
    leavers.sort((a, b) => b.activeIn.length - a.activeIn.length || (a.id < b.id ? -1 : 1));
    return { people, total: ranked.length, leavers };
  }
  /** [tenant, state code] per tenant of the person, tenant order: the best state of their accounts there. */
  statesByTenant(person) {
    const best = /* @__PURE__ */ new Map();
    for (const code of this.codes(person)) {
      const tenant = code >> 2;
      best.set(tenant, Math.min(best.get(tenant) ?? 3, code & 3));
    }
    return [...best.entries()].sort((a, b) => a[0] - b[0]);
  }
  crossTenantPerson(person, key) {
    const holds = [...this.holdings.get(person) ?? /* @__PURE__ */ new Map()].filter(([, set]) => set.size >= 2).map(([permission, set]) => ({
      permission,
      tenants: [...set].sort((a, b) => a - b).map((t) => this.tenantNames[t])
    })).sort((a, b) => b.tenants.length - a.tenants.length || a.permission.localeCompare(b.permission));
    return {
      key,
      email: this.emailOf(person),
      aadUserId: this.aads[person] ?? null,
      name: this.names.get(person) ?? null,
      tenants: this.statesByTenant(person).map(([t, s]) => ({
        tenant: this.tenantNames[t],
        state: STATES[s]
      })),
      holds
    };
  }
};
function lower2(text) {
  const trimmed = text.trim();
  return /[A-Z]|[^\x00-\x7f]/.test(trimmed) ? trimmed.toLowerCase() : trimmed;
}
function describeInactive(list) {
  const locked = list.filter((t) => t.state === "locked").map((t) => t.tenant);
  const deactivated = list.filter((t) => t.state === "deactivated").map((t) => t.tenant);
  return [
    ...deactivated.length > 0 ? [`deactivated in ${listTenants(deactivated)}`] : [],
    ...locked.length > 0 ? [`locked in ${listTenants(locked)}`] : []
  ].join(", ");
}
function listTenants(names) {
  const shown = names.slice(0, 5).join(", ");
  return names.length > 5 ? `${shown} and ${names.length - 5} more` : shown;
}

// src/fleet/reports.ts
import { readdir, readFile as readFile2, stat as stat2 } from "node:fs/promises";
import path3 from "node:path";

// src/fleet/roster.ts
var QUOTE = 34;
var COMMA = 44;
var LF = 10;
var CR = 13;
var APOSTROPHE = 39;
function readRosterRows(bytes, onRow) {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = buf.length;
  let at = buf[0] === 239 && buf[1] === 187 && buf[2] === 191 ? 3 : 0;
  const starts = [];
  const ends = [];
  const kinds = [];
  const next = () => {
    if (at >= end) return 0;
    let cell = 0;
    for (; ; ) {
      if (buf[at] === QUOTE) {
        let from = at + 1;
        let kind = 1;
        for (; ; ) {
          const quote = buf.indexOf(QUOTE, from);
          if (quote < 0) return -1;
          if (buf[quote + 1] === QUOTE) {
            kind = 2;
            from = quote + 2;
            continue;
          }
          starts[cell] = at + 1;
          ends[cell] = quote;
          kinds[cell] = kind;
          at = quote + 1;
          break;
        }
      } else {
        let stop = at;
        while (stop < end) {
          const b2 = buf[stop];
          if (b2 === COMMA || b2 === LF || b2 === CR) break;
          stop++;
        }
        starts[cell] = at;
        ends[cell] = stop;
        kinds[cell] = 0;
        at = stop;
      }
      cell++;
      const b = buf[at];
      if (b === COMMA) {
        at++;
        continue;
      }
      if (b === CR && buf[at + 1] === LF) at += 2;
      else if (at < end) at++;
      return cell;
    }
  };
  const text = (cell) => {
    const value2 = buf.toString("utf8", starts[cell], ends[cell]);
    return kinds[cell] === 2 ? value2.replaceAll('""', '"') : value2;
  };
  const value = (cell, width2) => {
    if (cell < 0 || cell >= width2) return null;
    const start = starts[cell];
    if (start === ends[cell]) return null;
    return buf[start] === APOSTROPHE ? restoreCell(text(cell)) : text(cell);
  };
  const yes = (cell, width2) => {
    if (cell < 0 || cell >= width2) return false;
    const start = starts[cell];
    const length = ends[cell] - start;
    const lower3 = (i) => buf[start + i] | 32;
    if (length === 3) return lower3(0) === 121 && lower3(1) === 101 && lower3(2) === 115;
    if (length === 4) return lower3(0) === 116 && lower3(1) === 114 && lower3(2) === 117 && lower3(3) === 101;
    return false;
  };
  const headerWidth = next();
  if (headerWidth <= 0) return false;
  const header2 = Array.from({ length: headerWidth }, (_, i) => restoreCell(text(i)));
  const column = (name2) => header2.indexOf(name2);
  const email = column("email");
  const login = column("login");
  const active = column("active");
  const locked = column("locked");
  const name = column("name");
  const aad = header2.findIndex((h) => h.toLowerCase() === "aaduserid");
  if (email < 0 || active < 0 || locked < 0) return false;
  let width = 0;
  const place = (cell) => {
    if (cell < 0 || cell >= width || starts[cell] === ends[cell]) return false;
    const start = starts[cell];
    if (kinds[cell] === 2 || buf[start] === APOSTROPHE) {
      const copy = Buffer.from(value(cell, width) ?? "", "utf8");
      row.bytes = copy;
      row.emailStart = 0;
      row.emailEnd = copy.length;
    } else {
      row.bytes = buf;
      row.emailStart = start;
      row.emailEnd = ends[cell];
    }
    return true;
  };
  const row = {
    bytes: buf,
    emailStart: 0,
    emailEnd: 0,
    email: () => row.emailStart < row.emailEnd ? Buffer.from(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength).toString(
      "utf8",
      row.emailStart,
      row.emailEnd
    ) : null,
    aadUserId: null,
    active: false,
    locked: false,
    name: () => value(name, width)
  };
  for (; ; ) {
    width = next();
    if (width === 0) return true;
    if (width < 0) return false;
    if (width === 1 && starts[0] === ends[0]) continue;
    if (!place(email)) {
      const loginValue = value(login, width);
      if (loginValue?.includes("@")) place(login);
      else {
        row.bytes = buf;
        row.emailStart = row.emailEnd = 0;
      }
    }
    row.aadUserId = value(aad, width);
    row.active = yes(active, width);
    row.locked = yes(locked, width);
    onRow(row);
  }
}

// src/fleet/reports.ts
var MAX_FILE_BYTES = 200 * 1024 * 1024;
var MAX_DEPTH = 4;
var MAX_FILES = 500;
var NOT_REPORTS = /* @__PURE__ */ new Set(["fleet-report.json", MANIFEST_FILE]);
var SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
var EMPTY_COUNTS = {
  findings: 0,
  exempted: 0,
  critical: 0,
  high: 0,
  medium: 0,
  low: 0,
  users: 0
};
async function readTenantRuns(dir, shown, index, tenantNames, expected = []) {
  let entries;
  try {
    if (!(await stat2(dir)).isDirectory()) throw Object.assign(new Error("not a folder"), { code: "ENOTDIR" });
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    throw new ConfigurationError(
      "fleet.reports-not-found",
      `The reports folder ${shown} does not exist or is not a folder (${error.code ?? "unreadable"}).`,
      "Download the tenants\u2019 report artifacts into one folder first (actions/download-artifact with a `path`), and give that folder as `reports` (`--reports DIR`)."
    );
  }
  const candidates = [];
  for (const entry of entries.sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) {
    const full = path3.join(dir, entry.name);
    if (entry.isDirectory()) candidates.push({ folder: entry.name, files: await listFiles(full) });
    else if (entry.isFile() && entry.name.endsWith(".json") && !NOT_REPORTS.has(entry.name))
      candidates.push({ folder: null, files: [full] });
  }
  const runs = [];
  const taken = /* @__PURE__ */ new Set();
  for (const candidate of candidates) {
    const run = await readCandidate(dir, candidate, index, tenantNames, taken);
    if (run) runs.push(run);
  }
  for (const name of expected) {
    if (taken.has(name)) continue;
    taken.add(name);
    tenantNames.push(name);
    runs.push(
      missing(
        name,
        "fleet.report-missing",
        `No report for ${name} in ${shown}: its audit did not upload one (see the tenant's job), or its artifact is not named after it.`
      )
    );
  }
  if (runs.length === 0) {
    throw new ConfigurationError(
      "fleet.no-reports",
      `The reports folder ${shown} holds no tenant report or evidence pack.`,
      "Give the folder the tenants\u2019 artifacts were downloaded into: one folder per tenant, named after it, holding its JSON report or evidence pack."
    );
  }
  return runs.sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}
async function listFiles(folder) {
  const files = [];
  const walk = async (current, depth) => {
    if (depth > MAX_DEPTH || files.length >= MAX_FILES) return;
    let entries;
    try {
      entries = await readdir(current, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries.sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) {
      const full = path3.join(current, entry.name);
      if (entry.isDirectory()) await walk(full, depth + 1);
      else if (entry.isFile() && files.length < MAX_FILES) files.push(full);
    }
  };
  await walk(folder, 0);
  return files;
}
function missing(name, code, message, at = null) {
  return {
    name,
    tenant: null,
    environment: null,
    status: "error",
    counts: { ...EMPTY_COUNTS },
    runUrl: null,
    finishedAt: null,
    from: null,
    path: at,
    errors: [{ code, message }],
    redacted: false,
    people: "none"
  };
}
var isRecord2 = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
var count = (v) => typeof v === "number" && Number.isFinite(v) && v >= 0 ? Math.floor(v) : 0;
async function readJson(file) {
  const info = await stat2(file);
  if (info.size > MAX_FILE_BYTES) throw new Error(`larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`);
  return JSON.parse(await readFile2(file, "utf8"));
}
function isReport(value) {
  return isRecord2(value) && value.version === 1 && isRecord2(value.tool) && value.tool.name === "servicetitan-access-guard" && isRecord2(value.counts) && Array.isArray(value.findings);
}
async function readCandidate(root, candidate, index, tenantNames, taken) {
  const relative = (file) => path3.relative(root, file).split(path3.sep).join("/");
  const nameFor = (tenantId2) => {
    let name2 = candidate.folder !== null && SAFE_NAME.test(candidate.folder) ? candidate.folder : tenantId2 !== null && SAFE_NAME.test(tenantId2) ? tenantId2 : `tenant-${tenantNames.length + 1}`;
    if (taken.has(name2)) {
      let n = 2;
      while (taken.has(`${name2}-${n}`)) n++;
      name2 = `${name2}-${n}`;
    }
    taken.add(name2);
    return name2;
  };
  const manifestFile = candidate.files.find((f) => path3.basename(f) === MANIFEST_FILE);
  let report = null;
  let reportFile = null;
  let manifest = null;
  let rosterFile = null;
  let problem = null;
  if (manifestFile) {
    const packDir = path3.dirname(manifestFile);
    try {
      const read = await readJson(manifestFile);
      manifest = isRecord2(read) ? read : null;
      const packReport = await readJson(path3.join(packDir, REPORT_FILE));
      if (isReport(packReport)) {
        report = packReport;
        reportFile = path3.join(packDir, REPORT_FILE);
        const roster = path3.join(packDir, ROSTER_FILE);
        if (candidate.files.includes(roster)) rosterFile = roster;
      } else problem = `${relative(path3.join(packDir, REPORT_FILE))} is not a report of this tool`;
    } catch (error) {
      problem = `${relative(manifestFile)}: ${error.message}`;
    }
  }
  if (!report) {
    let best = null;
    for (const file of candidate.files) {
      if (!file.endsWith(".json") || NOT_REPORTS.has(path3.basename(file))) continue;
      let value;
      try {
        value = await readJson(file);
      } catch (error) {
        problem ??= `${relative(file)}: ${error.message}`;
        continue;
      }
      if (!isReport(value) || value.mode === "undo") continue;
      if (!best || String(value.finishedAt ?? "") > String(best.value.finishedAt ?? ""))
        best = { value, file };
    }
    if (best) {
      report = best.value;
      reportFile = best.file;
      manifest = null;
      rosterFile = null;
    }
  }
  if (!report || !reportFile) {
    if (candidate.folder === null) return null;
    const name2 = nameFor(null);
    tenantNames.push(name2);
    return problem ? missing(
      name2,
      "fleet.report-unreadable",
      `The report of ${name2} cannot be read: ${problem}.`,
      candidate.folder
    ) : missing(
      name2,
      "fleet.report-missing",
      `${candidate.folder} holds no report or evidence pack of this tool.`,
      candidate.folder
    );
  }
  const tenantId = typeof report.tenant === "string" ? report.tenant : null;
  const name = nameFor(tenantId);
  const tenantIndex = tenantNames.length;
  tenantNames.push(name);
  const counts = isRecord2(report.counts) ? report.counts : {};
  const redacted = report.redacted === true || manifest?.redacted === true;
  const status = report.status === "pass" || report.status === "fail" || report.status === "error" ? report.status : "error";
  const runUrl = [manifest?.runUrl, report.runUrl].find(
    (u) => typeof u === "string" && /^https?:\/\/[^\s"'<>]+$/.test(u)
  );
  const errors = Array.isArray(report.errors) ? report.errors.filter(isRecord2).map((e) => ({ code: String(e.code ?? "unknown"), message: String(e.message ?? "") })) : [];
  let people = "none";
  if (!redacted) {
    const holders = holdings(report);
    if (rosterFile) {
      people = await addRoster(rosterFile, tenantIndex, index) ? "roster" : "findings";
    }
    if (people !== "roster") {
      for (const { account } of holders) index.addAccount(tenantIndex, account);
      if (holders.length > 0 || people === "findings") people = "findings";
    }
    for (const { account, permissions } of holders)
      for (const permission of permissions) index.addHolding(tenantIndex, account, permission);
  }
  return {
    name,
    tenant: tenantId,
    environment: typeof report.environment === "string" ? report.environment : null,
    status,
    counts: {
      findings: count(counts.findings),
      exempted: count(counts.exempted),
      critical: count(counts.critical),
      high: count(counts.high),
      medium: count(counts.medium),
      low: count(counts.low),
      users: count(counts.users)
    },
    runUrl: runUrl ?? null,
    finishedAt: typeof report.finishedAt === "string" ? report.finishedAt : null,
    from: manifest ? "evidence" : "report",
    path: relative(manifest && manifestFile ? path3.dirname(manifestFile) : reportFile),
    errors,
    redacted,
    people: redacted ? "none" : people
  };
}
function holdings(report) {
  const byUser = /* @__PURE__ */ new Map();
  for (const finding of report.findings) {
    if (!isRecord2(finding) || !isRecord2(finding.user)) continue;
    const u = finding.user;
    const key = `${String(u.kind)}:${String(u.id)}`;
    let entry = byUser.get(key);
    if (!entry) {
      entry = {
        account: {
          email: typeof u.email === "string" ? u.email : typeof u.login === "string" && u.login.includes("@") ? u.login : null,
          aadUserId: typeof u.aadUserId === "string" ? u.aadUserId : null,
          name: typeof u.name === "string" ? u.name : null,
          active: u.active !== false,
          locked: u.locked === true
        },
        permissions: /* @__PURE__ */ new Set()
      };
      byUser.set(key, entry);
    }
    const evidence = isRecord2(finding.evidence) ? finding.evidence : {};
    if (Array.isArray(evidence.permissions)) {
      for (const p of evidence.permissions) if (typeof p === "string") entry.permissions.add(p);
    }
  }
  return [...byUser.values()].map((e) => ({ account: e.account, permissions: [...e.permissions] }));
}
async function addRoster(file, tenant, index) {
  let bytes;
  try {
    if ((await stat2(file)).size > MAX_FILE_BYTES) return false;
    bytes = await readFile2(file);
  } catch {
    return false;
  }
  return readRosterRows(bytes, (row) => {
    const person = index.addBytes(
      tenant,
      row.bytes,
      row.emailStart,
      row.emailEnd,
      row.aadUserId,
      row.active,
      row.locked
    );
    if (person === null || !index.wantsName(person)) return;
    const name = row.name();
    if (name) index.setName(person, name);
  });
}

// src/fleet/run.ts
var FLEET_REPORT_FILE = "fleet-report.json";
var DASHBOARD_FILE = "fleet-dashboard.html";
function workspaceBound(settings) {
  return settings.event.name === "cli" ? {} : { workspace: settings.workspace };
}
function loadFleet(settings) {
  return loadFleetFile(inWorkspace(settings, settings.fleetPath), settings.fleetPath, {
    defaultPolicy: settings.policyPath,
    ...workspaceBound(settings)
  });
}
async function runFleetMatrix(settings, deps) {
  const fleet = await loadFleet(settings);
  const policies = await checkFleetPolicies(
    fleet,
    policyLoader({ now: deps.now(), resolve: (f) => inWorkspace(settings, f), ...workspaceBound(settings) })
  );
  deps.logger.info(
    `${settings.fleetPath}: ${fleet.tenants.length} tenants, ${policies.length} polic${policies.length === 1 ? "y" : "ies"}, all valid`
  );
  return { fleet, matrix: fleetMatrix(fleet), policies };
}
function fleetReportPath(settings) {
  return settings.reportPath === null || settings.reportPath === DEFAULT_REPORT_PATH ? FLEET_REPORT_FILE : settings.reportPath;
}
async function runFleetReport(settings, deps) {
  const { logger } = deps;
  if (settings.reportsPath === null) {
    throw new ConfigurationError(
      "fleet.reports-required",
      "The fleet roll-up needs the folder the tenants\u2019 reports were downloaded into: input `reports` (`--reports DIR` on the command line).",
      "Download every tenant\u2019s artifact with actions/download-artifact (`path: reports`) and set `reports: reports` (`--reports DIR` on the command line)."
    );
  }
  const now = deps.now();
  const notes = [];
  let expected = [];
  const fleetFile = inWorkspace(settings, settings.fleetPath);
  if (await exists(fleetFile)) {
    expected = (await loadFleet(settings)).tenants.map((t) => t.name);
  } else {
    notes.push(
      `No fleet file at ${settings.fleetPath}: a tenant whose audit uploaded no report is not listed.`
    );
  }
  const tenantNames = [];
  const index = new PeopleIndex(tenantNames);
  const runs = await readTenantRuns(
    inWorkspace(settings, settings.reportsPath),
    settings.reportsPath,
    index,
    tenantNames,
    expected
  );
  const { people, total, leavers } = index.result(MAX_PEOPLE);
  logger.info(`${settings.reportsPath}: ${runs.length} tenants, ${total} people in more than one tenant`);
  let history = [];
  if (settings.historyPath) {
    const read = await readHistory(inWorkspace(settings, settings.historyPath), settings.historyPath);
    history = read.lines;
    if (read.skipped.length > 0) {
      const message = `${settings.historyPath}: skipped ${read.skipped.length} line${read.skipped.length === 1 ? "" : "s"} that ${read.skipped.length === 1 ? "is" : "are"} not a history line of this tool (line ${read.skipped.slice(0, 5).join(", ")}${read.skipped.length > 5 ? ", \u2026" : ""}).`;
      logger.warning(message);
      notes.push(message);
    }
  }
  const built = buildFleetReport({
    runs,
    people,
    peopleTotal: total,
    leavers,
    failOn: settings.failOn,
    now,
    toolVersion: TOOL_VERSION,
    notes
  });
  const report = shouldRedact(settings) ? redactFleetReport(built) : built;
  const line = historyLine(now, runs);
  const lines = [...history, line];
  const reportPath = fleetReportPath(settings);
  const dashboardPath = path4.join(path4.dirname(reportPath), DASHBOARD_FILE).split(path4.sep).join("/");
  await writeFileAtomic(inWorkspace(settings, reportPath), renderFleetJson(report));
  await writeFileAtomic(inWorkspace(settings, dashboardPath), renderDashboard(report, lines));
  if (settings.historyPath) await appendHistory(inWorkspace(settings, settings.historyPath), line);
  if (settings.notify.length > 0) {
    const { alertFleetRollup } = await import("./fleet-ICH2T6VU.js");
    await alertFleetRollup(settings, inWorkspace(settings, settings.reportsPath), runs, logger);
  }
  return {
    report,
    history: lines,
    files: {
      report: reportPath,
      dashboard: dashboardPath,
      ...settings.historyPath ? { history: settings.historyPath } : {}
    }
  };
}
async function exists(file) {
  try {
    await stat3(file);
    return true;
  } catch {
    return false;
  }
}
function fleetExitCode(report) {
  return report.status === "pass" ? 0 : report.status === "fail" ? 1 : 3;
}

// src/fleet/summary.ts
var MAX_TENANT_ROWS = 400;
var MAX_LINES = 50;
var ICON = { pass: "\u2705", fail: "\u274C", error: "\u26A0\uFE0F" };
var isLink2 = (url) => url !== null && /^https?:\/\/[^\s"'<>()]+$/.test(url);
function personLine(p, tenants) {
  const who = p.email ?? `aadUserId ${p.aadUserId ?? ""}`;
  if (p.holds.length === 0) return `${who} has an account in ${p.tenants.length} of ${tenants} tenants`;
  return `${who} holds ${p.holds.map((h) => `${h.permission} in ${h.tenants.length} of ${tenants} tenants`).join(", ")}`;
}
function renderFleetSummary(report, files = {}) {
  const t = report.totals;
  const out = [];
  out.push(`## ${ICON[report.status]} ServiceTitan fleet: ${report.status}
`);
  out.push(
    `${t.tenants} tenants (${t.errored} errored) \xB7 **${t.critical}** critical \xB7 **${t.high}** high \xB7 ${t.medium} medium \xB7 ${t.low} low \xB7 ${t.exempted} exempted \xB7 ${t.users} users \xB7 ${report.findings.length} fleet finding${report.findings.length === 1 ? "" : "s"}${report.redacted ? " \xB7 names and emails masked" : ""}
`
  );
  out.push("| # | Tenant | Status | Critical | High | Medium | Low | Exempted | Users | Run |");
  out.push("| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
  for (const [i, run] of report.tenants.slice(0, MAX_TENANT_ROWS).entries()) {
    const c = run.counts;
    const problem = run.status === "error" && run.errors[0] ? ` ${inlineMarkdown(`${run.errors[0].message} [${run.errors[0].code}]`, 300)}` : "";
    const link = isLink2(run.runUrl) ? `[run](${run.runUrl})` : "";
    out.push(
      `| ${i + 1} | ${inlineMarkdown(run.name, 100)}${run.tenant ? ` (${inlineMarkdown(run.tenant, 20)})` : ""} | ${ICON[run.status]} ${run.status}${problem} | ${c.critical} | ${c.high} | ${c.medium} | ${c.low} | ${c.exempted} | ${c.users} | ${link} |`
    );
  }
  if (report.tenants.length > MAX_TENANT_ROWS) {
    out.push(
      `
And ${report.tenants.length - MAX_TENANT_ROWS} more tenants: see the dashboard or fleet-report.json.`
    );
  }
  out.push("");
  if (report.findings.length > 0) {
    out.push(
      `### Locked or deactivated in one tenant, still active in another (${report.findings.length})
`
    );
    for (const f of report.findings.slice(0, MAX_LINES))
      out.push(`- **critical** ${inlineMarkdown(f.message, 500)}`);
    if (report.findings.length > MAX_LINES) out.push(`- and ${report.findings.length - MAX_LINES} more`);
    out.push("");
  }
  const holders = report.people.filter((p) => p.holds.length > 0);
  if (holders.length > 0) {
    out.push(`### People holding forbidden permissions in several tenants (${holders.length})
`);
    for (const p of holders.slice(0, MAX_LINES))
      out.push(`- ${inlineMarkdown(personLine(p, t.tenants), 500)}`);
    if (holders.length > MAX_LINES) out.push(`- and ${holders.length - MAX_LINES} more`);
    out.push("");
  }
  if (report.peopleTotal > 0) {
    out.push(
      `${report.peopleTotal} ${report.peopleTotal === 1 ? "person has accounts" : "people have accounts"} in more than one tenant.
`
    );
  }
  for (const note of report.notes) out.push(`> ${inlineMarkdown(note, 1e3)}
`);
  const written = [
    ...files.dashboard ? [`dashboard \`${inlineMarkdown(files.dashboard, 200)}\``] : [],
    ...files.report ? [`report \`${inlineMarkdown(files.report, 200)}\``] : []
  ];
  if (written.length > 0) out.push(`Written: ${written.join(", ")}.
`);
  return out.join("\n");
}
function renderFleetConsole(report, files = {}) {
  const t = report.totals;
  const lines = [];
  lines.push(
    `Fleet: ${report.status.toUpperCase()} \u2014 ${t.tenants} tenants (${t.errored} errored), ${t.critical} critical, ${t.high} high, ${t.medium} medium, ${t.low} low, ${report.findings.length} fleet findings`
  );
  lines.push("");
  const width = Math.min(40, Math.max(6, ...report.tenants.map((r) => r.name.length)));
  lines.push(`${"TENANT".padEnd(width)}  STATUS  CRIT  HIGH   MED   LOW`);
  for (const run of report.tenants.slice(0, MAX_TENANT_ROWS)) {
    const c = run.counts;
    lines.push(
      `${inlinePlain(run.name, width).padEnd(width)}  ${run.status.padEnd(6)}  ${String(c.critical).padStart(4)}  ${String(c.high).padStart(4)}  ${String(c.medium).padStart(4)}  ${String(c.low).padStart(4)}` + (run.status === "error" && run.errors[0] ? `  ${inlinePlain(run.errors[0].message, 120)} [${run.errors[0].code}]` : "")
    );
  }
  if (report.findings.length > 0) {
    lines.push("", "Locked or deactivated in one tenant, still active in another:");
    for (const f of report.findings.slice(0, MAX_LINES))
      lines.push(`  critical  ${inlinePlain(f.message, 300)}`);
  }
  const holders = report.people.filter((p) => p.holds.length > 0);
  if (holders.length > 0) {
    lines.push("", "People holding forbidden permissions in several tenants:");
    for (const p of holders.slice(0, MAX_LINES))
      lines.push(`  ${inlinePlain(personLine(p, t.tenants), 300)}`);
  }
  for (const note of report.notes) lines.push("", `Note: ${inlinePlain(note, 1e3)}`);
  if (files.dashboard || files.report) {
    lines.push(
      "",
      [files.dashboard && `Dashboard: ${files.dashboard}`, files.report && `Report: ${files.report}`].filter(Boolean).join("  ")
    );
  }
  return lines.join("\n") + "\n";
}

export {
  FleetFileError,
  runFleetMatrix,
  runFleetReport,
  fleetExitCode,
  renderFleetSummary,
  renderFleetConsole
};
