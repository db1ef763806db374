import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  EMPLOYEE_USER_ROLES
} from "./chunk-RLNXQJHY.js";
import {
  external_exports
} from "./chunk-5VFH7U4S.js";
import {
  ConfigurationError
} from "./chunk-GIX45REK.js";

// src/sandbox/tenant-data.ts
import { readFile } from "node:fs/promises";

// src/sandbox/directory-data.ts
var days = external_exports.number().nonnegative().nullable();
var isoDateTime = external_exports.iso.datetime({ offset: true });
var sandboxDirectorySchema = external_exports.strictObject({
  entra: external_exports.strictObject({
    tenantId: external_exports.string().min(1),
    premium: external_exports.boolean(),
    users: external_exports.array(
      external_exports.strictObject({
        id: external_exports.string().min(1),
        displayName: external_exports.string().nullable(),
        userPrincipalName: external_exports.string().min(1),
        mail: external_exports.string().nullable(),
        otherMails: external_exports.array(external_exports.string()),
        proxyAddresses: external_exports.array(external_exports.string()),
        accountEnabled: external_exports.boolean(),
        userType: external_exports.enum(["Member", "Guest"]),
        employeeId: external_exports.string().nullable(),
        createdDateTime: isoDateTime.nullable(),
        lastSignInDaysAgo: days,
        lastSuccessfulSignInDaysAgo: days.optional()
      })
    )
  }),
  google: external_exports.strictObject({
    customerId: external_exports.string().min(1),
    users: external_exports.array(
      external_exports.strictObject({
        id: external_exports.string().min(1),
        primaryEmail: external_exports.string().min(1),
        name: external_exports.strictObject({ givenName: external_exports.string(), familyName: external_exports.string(), fullName: external_exports.string() }),
        isAdmin: external_exports.boolean(),
        suspended: external_exports.boolean(),
        archived: external_exports.boolean(),
        creationTime: isoDateTime,
        emails: external_exports.array(external_exports.strictObject({ address: external_exports.string(), primary: external_exports.boolean().optional() })),
        aliases: external_exports.array(external_exports.string()).optional(),
        nonEditableAliases: external_exports.array(external_exports.string()).optional(),
        lastLoginDaysAgo: days
      })
    )
  })
});
function duplicateDirectoryIds(directory) {
  const problems = [];
  for (const [name, users] of [
    ["directory.entra.users", directory.entra.users],
    ["directory.google.users", directory.google.users]
  ]) {
    const seen = /* @__PURE__ */ new Set();
    for (const user of users) {
      if (seen.has(user.id)) problems.push(`${name}: id ${user.id} appears more than once`);
      seen.add(user.id);
    }
  }
  return problems;
}

// src/sandbox/tenant-data.ts
var JOB_FILTERS = [
  "AllScheduledDispatchedWorking",
  "NextScheduledDispatchedWorking",
  "DispatchedWorking",
  "NextScheduledDispatchedWorkingToday",
  "AllScheduledDispatchedWorkingToday",
  "AllScheduledDispatchedWorkingFiveDays",
  "NextScheduledDispatchedWorkingTodayTomorrow",
  "AllScheduledDispatchedWorkingTodayTomorrow",
  "Next2ScheduledDispatchedWorkingToday"
];
var isoDateTime2 = external_exports.iso.datetime({ offset: true });
var nullableString = external_exports.string().nullable().optional();
var permission = external_exports.strictObject({ id: external_exports.number().int(), value: external_exports.string().nullable() });
var customField = external_exports.strictObject({ typeId: external_exports.number().int(), name: nullableString, value: nullableString });
var userFields = {
  id: external_exports.number().int().positive(),
  userId: external_exports.number().int().positive(),
  name: external_exports.string(),
  roleIds: external_exports.array(external_exports.number().int()).nullable().optional(),
  businessUnitId: external_exports.number().int().nullable().optional(),
  createdOn: isoDateTime2,
  modifiedOn: isoDateTime2,
  email: nullableString,
  phoneNumber: nullableString,
  loginName: nullableString,
  customFields: external_exports.array(customField).nullable().optional(),
  active: external_exports.boolean(),
  aadUserId: nullableString,
  permissions: external_exports.array(permission.nullable()).nullable().optional(),
  accountLocked: external_exports.boolean().nullable().optional(),
  managedInEnterpriseHub: external_exports.boolean().optional()
};
var tenantDataSchema = external_exports.strictObject({
  tenant: external_exports.number().int().positive(),
  company: external_exports.strictObject({ name: external_exports.string(), internalDomain: external_exports.string() }),
  employees: external_exports.array(external_exports.strictObject({ ...userFields, role: external_exports.enum(EMPLOYEE_USER_ROLES) })),
  technicians: external_exports.array(
    external_exports.strictObject({
      ...userFields,
      mainZoneId: external_exports.number().int().nullable().optional(),
      zoneIds: external_exports.array(external_exports.number().int()).nullable().optional(),
      home: external_exports.strictObject({
        street: nullableString,
        unit: nullableString,
        country: nullableString,
        city: nullableString,
        state: nullableString,
        zip: nullableString,
        streetAddress: nullableString,
        latitude: external_exports.number().nullable().optional(),
        longitude: external_exports.number().nullable().optional()
      }).nullable().optional(),
      dailyGoal: external_exports.number(),
      isManagedTech: external_exports.boolean(),
      burdenRate: external_exports.number(),
      team: nullableString,
      jobFilter: external_exports.enum(JOB_FILTERS).nullable().optional(),
      licenseType: nullableString,
      ongoingJobs: external_exports.number().int().nonnegative().optional()
    })
  ),
  userRoles: external_exports.array(
    external_exports.strictObject({
      id: external_exports.number().int().positive(),
      name: external_exports.string(),
      active: external_exports.boolean(),
      createdOn: isoDateTime2,
      employeeType: external_exports.enum(["Employee", "Technician"])
    })
  ),
  businessUnits: external_exports.array(
    external_exports.strictObject({
      id: external_exports.number().int().positive(),
      name: external_exports.string(),
      active: external_exports.boolean(),
      createdOn: isoDateTime2,
      modifiedOn: isoDateTime2,
      officialName: nullableString,
      email: nullableString,
      currency: nullableString,
      phoneNumber: nullableString
    })
  ),
  permissionCatalogue: external_exports.array(external_exports.strictObject({ id: external_exports.number().int(), label: external_exports.string() })),
  directory: sandboxDirectorySchema.optional()
});
function duplicateIds(data) {
  const problems = [];
  const collections = ["employees", "technicians", "userRoles", "businessUnits"];
  for (const name of collections) {
    const seen = /* @__PURE__ */ new Set();
    for (const record of data[name]) {
      if (seen.has(record.id)) problems.push(`${name}: id ${record.id} appears more than once`);
      seen.add(record.id);
    }
  }
  if (data.directory) problems.push(...duplicateDirectoryIds(data.directory));
  return problems;
}
function formatPath(path) {
  return path.map((p, i) => typeof p === "number" ? `[${p}]` : `${i === 0 ? "" : "."}${String(p)}`).join("");
}
function parseTenantData(value, source) {
  const result = tenantDataSchema.safeParse(value);
  if (!result.success) {
    const lines = result.error.issues.slice(0, 20).map((issue) => `  ${formatPath(issue.path) || "(top level)"}: ${issue.message}`);
    throw new ConfigurationError(
      "sandbox.data-invalid",
      `The sandbox tenant data in ${source} is invalid (${result.error.issues.length} problem(s)):
${lines.join("\n")}`,
      "The file holds ServiceTitan records as the Settings v2 API answers them; compare it with the built-in sample (`sampleTenant()`)."
    );
  }
  const data = result.data;
  const duplicates = duplicateIds(data);
  if (duplicates.length > 0) {
    throw new ConfigurationError(
      "sandbox.data-invalid",
      `The sandbox tenant data in ${source} is invalid:
${duplicates.map((d) => `  ${d}`).join("\n")}`,
      "Give every record a unique id within its collection."
    );
  }
  return data;
}
async function loadTenantData(file) {
  let text;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const reason = error.code === "ENOENT" ? "it does not exist" : String(error);
    throw new ConfigurationError(
      "sandbox.data-unreadable",
      `Cannot read the sandbox tenant data ${file}: ${reason}.`,
      "Check the path given to --data."
    );
  }
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ConfigurationError(
      "sandbox.data-invalid-json",
      `The sandbox tenant data ${file} is not valid JSON: ${error.message}.`,
      "The file must be one JSON object with tenant, company, employees, technicians, userRoles, businessUnits and permissionCatalogue."
    );
  }
  return parseTenantData(parsed, file);
}

// src/sandbox/server.ts
import { createServer } from "node:http";

// src/sandbox/answers.ts
import { randomBytes } from "node:crypto";
var EMPLOYEE_FIELDS = "id userId name role roleIds businessUnitId createdOn modifiedOn email phoneNumber loginName customFields active aadUserId permissions accountLocked".split(" ");
var TECHNICIAN_FIELDS = "id userId name roleIds businessUnitId mainZoneId zoneIds createdOn modifiedOn email phoneNumber loginName home dailyGoal isManagedTech customFields active aadUserId burdenRate team jobFilter permissions accountLocked".split(" ");
var USER_ROLE_FIELDS = "id active name createdOn employeeType".split(" ");
var BUSINESS_UNIT_FIELDS = "id active name officialName email currency phoneNumber createdOn modifiedOn".split(" ");
function pick(record, fields) {
  const out = {};
  for (const field of fields) {
    const value = record[field];
    if (value !== void 0) out[field] = value;
  }
  return out;
}
var project = {
  employee: (r) => pick(r, EMPLOYEE_FIELDS),
  technician: (r) => pick(r, TECHNICIAN_FIELDS),
  userRole: (r) => pick(r, USER_ROLE_FIELDS),
  businessUnit: (r) => pick(r, BUSINESS_UNIT_FIELDS)
};
function traceId() {
  return `00-${randomBytes(16).toString("hex")}-${randomBytes(8).toString("hex")}-00`;
}
var PROBLEM_TYPES = {
  400: "https://tools.ietf.org/html/rfc7231#section-6.5.1",
  404: "https://tools.ietf.org/html/rfc7231#section-6.5.4",
  405: "https://tools.ietf.org/html/rfc7231#section-6.5.5",
  429: "https://tools.ietf.org/html/rfc6585#section-4",
  500: "https://tools.ietf.org/html/rfc7231#section-6.6.1"
};
function problem(status, title, errors = {}) {
  return {
    status,
    body: {
      type: PROBLEM_TYPES[status] ?? "about:blank",
      title,
      status,
      traceId: traceId(),
      errors,
      data: {}
    }
  };
}
function badRequest(field, message) {
  return problem(400, "One or more validation errors occurred.", { [field]: [message] });
}
function gatewayError(statusCode, message, headers) {
  return { status: statusCode, body: { statusCode, message }, headers };
}
function rateLimited(retryAfterSeconds, withHeader = true) {
  return gatewayError(
    429,
    `Rate limit is exceeded. Try again in ${retryAfterSeconds} seconds.`,
    withHeader ? { "retry-after": String(retryAfterSeconds) } : void 0
  );
}
function unauthorized(message) {
  return gatewayError(401, message, { "www-authenticate": "Bearer" });
}
function injectedAnswer(rule) {
  const seconds = rule.retryAfterSeconds ?? 1;
  switch (rule.kind) {
    case "status-429":
      return rateLimited(seconds, true);
    case "status-429-gateway-message":
      return rateLimited(seconds, false);
    case "status-429-no-retry-after":
      return problem(429, "Too many requests");
    case "status-500":
      return problem(500, "An unexpected error occurred");
    case "status-502":
      return gatewayError(502, "Bad gateway");
    case "status-503":
      return gatewayError(
        503,
        "The service is temporarily unavailable",
        rule.retryAfterSeconds === void 0 ? void 0 : { "retry-after": String(rule.retryAfterSeconds) }
      );
    case "status-401":
      return gatewayError(401, "Unauthorized", { "www-authenticate": "Bearer" });
    case "status-403":
      return gatewayError(403, "Forbidden: the application has no access to this resource in this tenant");
    case "status-404":
      return problem(404, "Not found");
    default:
      return null;
  }
}

// src/sandbox/query.ts
var AnswerError = class extends Error {
  constructor(answer) {
    super(`sandbox answer ${answer.status}`);
    this.answer = answer;
  }
  answer;
};
function fail(field, message) {
  throw new AnswerError(badRequest(field, message));
}
function integer(query, name, fallback, min) {
  const raw = query[name];
  if (raw === void 0 || raw === "") return fallback;
  if (!/^-?\d+$/.test(raw)) fail(name, `The value '${raw}' is not valid.`);
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min) fail(name, `The value '${raw}' must be at least ${min}.`);
  return value;
}
function boolean(query, name) {
  const raw = query[name];
  if (raw === void 0 || raw === "") return false;
  const lower = raw.toLowerCase();
  if (lower !== "true" && lower !== "false") fail(name, `The value '${raw}' is not valid.`);
  return lower === "true";
}
function enumValue(query, name, values, fallback) {
  const raw = query[name];
  if (raw === void 0 || raw === "") return fallback;
  const found = values.find((v) => v.toLowerCase() === raw.toLowerCase());
  if (!found) fail(name, `The value '${raw}' is not valid. Values: [${values.join(", ")}]`);
  return found;
}
function idList(query, name) {
  const raw = query[name];
  if (raw === void 0 || raw === "") return null;
  const parts = raw.split(",").map((p) => p.trim());
  if (parts.some((p) => !/^\d+$/.test(p))) fail(name, `The value '${raw}' is not a list of ids.`);
  if (parts.length > 50) fail(name, "At most 50 ids may be given.");
  return new Set(parts.map(Number));
}
function dateTime(query, name) {
  const raw = query[name];
  if (raw === void 0 || raw === "") return null;
  const value = Date.parse(raw);
  if (Number.isNaN(value)) fail(name, `The value '${raw}' is not a valid date-time.`);
  return value;
}
function listQuery(query) {
  return {
    page: integer(query, "page", 1, 1),
    pageSize: integer(query, "pageSize", 50, 1),
    includeTotal: boolean(query, "includeTotal"),
    active: enumValue(query, "active", ["True", "Any", "False"], "True"),
    ids: idList(query, "ids"),
    userIds: idList(query, "userIds"),
    name: query["name"] || null,
    email: query["email"] || null,
    createdBefore: dateTime(query, "createdBefore"),
    createdOnOrAfter: dateTime(query, "createdOnOrAfter"),
    modifiedBefore: dateTime(query, "modifiedBefore"),
    modifiedOnOrAfter: dateTime(query, "modifiedOnOrAfter")
  };
}
function matchesList(record, q) {
  if (q.active === "True" && !record.active) return false;
  if (q.active === "False" && record.active) return false;
  if (q.ids && !q.ids.has(record.id)) return false;
  if (q.userIds && (record.userId === void 0 || !q.userIds.has(record.userId))) return false;
  if (q.name && !record.name.toLowerCase().includes(q.name.toLowerCase())) return false;
  if (q.email && (record.email ?? "").toLowerCase() !== q.email.toLowerCase()) return false;
  const created = Date.parse(record.createdOn);
  if (q.createdBefore !== null && !(created < q.createdBefore)) return false;
  if (q.createdOnOrAfter !== null && !(created >= q.createdOnOrAfter)) return false;
  const modified = record.modifiedOn ? Date.parse(record.modifiedOn) : created;
  if (q.modifiedBefore !== null && !(modified < q.modifiedBefore)) return false;
  if (q.modifiedOnOrAfter !== null && !(modified >= q.modifiedOnOrAfter)) return false;
  return true;
}
var TOKEN_PREFIX = "sbx1:";
function exportToken(offset, since) {
  return Buffer.from(`${TOKEN_PREFIX}${offset}:${since ?? ""}`).toString("base64url");
}
function exportPosition(query) {
  const raw = query["from"];
  if (raw === void 0 || raw === "") return { offset: 0, since: null };
  const decoded = Buffer.from(raw, "base64url").toString("utf8");
  const token = /^sbx1:(\d+):(\d*)$/.exec(decoded);
  if (token && exportToken(Number(token[1]), token[2] ? Number(token[2]) : null) === raw) {
    return { offset: Number(token[1]), since: token[2] ? Number(token[2]) : null };
  }
  if (/^\d{4}-\d{2}-\d{2}/.test(raw) && !Number.isNaN(Date.parse(raw)))
    return { offset: 0, since: Date.parse(raw) };
  fail("from", `The continuation token '${raw}' is not valid.`);
}

// src/sandbox/writes.ts
var isString = (v) => typeof v === "string";
var isInteger = (v) => Number.isSafeInteger(v);
var isNumberOrNull = (v) => v === null || typeof v === "number";
var isBoolean = (v) => typeof v === "boolean";
var oneOf = (values, nullable = false) => (v) => nullable && v === null || typeof v === "string" && values.includes(v);
var arrayOf = (item) => (v) => Array.isArray(v) && v.every(item);
var isObject = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
var isCustomField = (v) => isObject(v) && Object.keys(v).every((k) => k === "typeId" || k === "value") && isInteger(v["typeId"]) && (v["value"] === void 0 || v["value"] === null || typeof v["value"] === "string");
var EMPLOYEE_POSITIONS = "CSR Dispatcher CsrManager DispatchManager InstallProductionManager ServiceManager SalesManager MarketingManager Administrator PayrollManager Bookkeeper PurchasingManager WarehouseManager OfficeManager GeneralManager BusinessOwner AnsweringService InsideSales GeneralOfficeNonManagement".split(" ");
var TECHNICIAN_POSITIONS = "Installer Service Sales Maintenance Helper InstallProductionManager ServiceManager SalesManager PartRunner DummyTech".split(
  " "
);
var LICENSE_TYPES = ["NonManagedTech", "ManagedTech", "ManagedInstaller"];
var ACCOUNT_LICENSE_TYPES = ["NonManagedTechnician", "ManagedTechnician", "ManagedInstaller"];
var ACCOUNT_ACTIONS = ["Activate", "Deactivate", "SendInvite", "SendPasswordResetLink"];
var COMMON_FIELDS = {
  name: isString,
  phoneNumber: isString,
  email: isString,
  login: isString,
  businessUnitId: (v) => v === null || isInteger(v),
  roleId: isInteger,
  aadUserId: isString,
  customFields: arrayOf(isCustomField),
  accountLocked: isBoolean
};
var UPDATE_FIELDS = {
  employees: { ...COMMON_FIELDS, mobilePhoneNumber: isString, positions: arrayOf(oneOf(EMPLOYEE_POSITIONS)) },
  technicians: {
    ...COMMON_FIELDS,
    positions: arrayOf(oneOf(TECHNICIAN_POSITIONS)),
    licenseType: oneOf(LICENSE_TYPES),
    team: isString,
    dailyGoal: isNumberOrNull,
    burdenRate: isNumberOrNull,
    bio: isString,
    memo: isString,
    jobFilter: oneOf(JOB_FILTERS, true),
    jobHistoryDateFilter: oneOf(["AllJobs", "LastThreeDays", "LastSevenDays", "LastMonth"], true),
    home: (v) => isObject(v) && isString(v["street"]) && isString(v["city"])
  }
};
function checkBody(body, fields) {
  if (!isObject(body)) throw new AnswerError(badRequest("body", "A JSON object request body is required."));
  for (const [key2, value] of Object.entries(body)) {
    const check = fields[key2];
    if (!check) throw new AnswerError(badRequest(key2, `'${key2}' is not a field of this request.`));
    if (!check(value)) throw new AnswerError(badRequest(key2, `The value of '${key2}' is not valid.`));
  }
  return body;
}
function findUser(ctx, kind, id) {
  const list2 = kind === "employees" ? ctx.state.employees : ctx.state.technicians;
  const user = list2.find((u) => u.id === id);
  if (!user)
    throw new AnswerError(
      problem(404, `${kind === "employees" ? "Employee" : "Technician"} with id ${id} not found`)
    );
  return user;
}
function builtInRoleFor(roleName) {
  const key2 = roleName.replace(/[^a-z0-9]/gi, "").toLowerCase();
  return EMPLOYEE_USER_ROLES.find((r) => r.toLowerCase() === key2);
}
function updateUser(ctx, kind, id, rawBody) {
  const body = checkBody(rawBody, UPDATE_FIELDS[kind]);
  const user = findUser(ctx, kind, id);
  const roleId = body["roleId"];
  const role = roleId === void 0 ? void 0 : ctx.state.userRoles.find((r) => r.id === roleId);
  if (roleId !== void 0) {
    const wanted = kind === "employees" ? "Employee" : "Technician";
    if (!role) return badRequest("roleId", `Role ${roleId} does not exist.`);
    if (!role.active) return badRequest("roleId", `Role ${roleId} (${role.name}) is inactive.`);
    if (role.employeeType !== wanted)
      return badRequest("roleId", `Role ${roleId} (${role.name}) is not a ${wanted} role.`);
    if (user.managedInEnterpriseHub)
      return badRequest("roleId", "The roles of this user are managed centrally and cannot be changed here.");
  }
  const unitId = body["businessUnitId"];
  if (typeof unitId === "number" && !ctx.state.businessUnits.some((u) => u.id === unitId)) {
    return badRequest("businessUnitId", `Business unit ${unitId} does not exist.`);
  }
  if (ctx.faults.writeNoop) return { status: 200, body: { id } };
  const assign = (field, target = field) => {
    if (field in body) user[target] = body[field];
  };
  for (const field of ["name", "email", "phoneNumber", "businessUnitId", "aadUserId", "accountLocked"])
    assign(field);
  assign("login", "loginName");
  if (role) {
    user.roleIds = [role.id];
    const builtIn = builtInRoleFor(role.name);
    if (kind === "employees" && builtIn) user.role = builtIn;
  }
  for (const field of body["customFields"] ?? []) {
    user.customFields ??= [];
    const existing = user.customFields.find((c) => c.typeId === field.typeId);
    if (existing) existing.value = field.value ?? null;
    else user.customFields.push({ typeId: field.typeId, name: null, value: field.value ?? null });
  }
  if (kind === "technicians") {
    const technician2 = user;
    for (const field of ["team", "jobFilter"]) assign(field);
    if (typeof body["dailyGoal"] === "number") technician2.dailyGoal = body["dailyGoal"];
    if (typeof body["burdenRate"] === "number") technician2.burdenRate = body["burdenRate"];
    if (typeof body["licenseType"] === "string") {
      technician2.licenseType = body["licenseType"];
      technician2.isManagedTech = body["licenseType"] !== "NonManagedTech";
    }
    if (isObject(body["home"])) technician2.home = { ...technician2.home, ...body["home"] };
  }
  user.modifiedOn = ctx.now().toISOString();
  return { status: 200, body: { id } };
}
function accountAction(ctx, kind, id, rawBody) {
  const fields = kind === "employees" ? { action: oneOf(ACCOUNT_ACTIONS) } : {
    action: oneOf(ACCOUNT_ACTIONS),
    licenseType: oneOf(ACCOUNT_LICENSE_TYPES, true),
    truckId: (v) => v === null || isInteger(v)
  };
  const body = checkBody(rawBody, fields);
  if (body["action"] === void 0) return badRequest("action", "The action field is required.");
  const user = findUser(ctx, kind, id);
  const action = body["action"];
  const licenseType = body["licenseType"];
  if (kind === "technicians" && action === "Activate" && !licenseType) {
    return badRequest("licenseType", "A license type is required to activate a technician.");
  }
  const ongoing = kind === "technicians" ? user.ongoingJobs ?? 0 : 0;
  if (action === "Deactivate" && user.active && ongoing > 0) {
    return problem(400, "The technician cannot be deactivated.", {
      action: [`The technician has ${ongoing} ongoing job${ongoing === 1 ? "" : "s"}.`]
    });
  }
  if (ctx.faults.writeNoop || action !== "Activate" && action !== "Deactivate") {
    return { status: 200, body: { status: "Success" } };
  }
  user.active = action === "Activate";
  if (kind === "technicians") {
    const technician2 = user;
    technician2.licenseType = action === "Activate" ? licenseType ?? null : null;
    if (action === "Activate") technician2.isManagedTech = licenseType !== "NonManagedTechnician";
  }
  user.modifiedOn = ctx.now().toISOString();
  return { status: 200, body: { status: "Success" } };
}

// src/sandbox/api.ts
var COLLECTIONS = ["employees", "technicians", "user-roles", "business-units"];
var EXPORTS = ["employees", "technicians", "business-units"];
function classify(method, segments) {
  const [first, second, third] = segments;
  if (method === "GET" && segments.length === 1 && COLLECTIONS.includes(first)) return "list";
  if (method === "GET" && first === "export" && segments.length === 2 && EXPORTS.includes(second ?? "")) {
    return "export";
  }
  if (method === "PATCH" && segments.length === 2) return "write";
  if (method === "POST" && segments.length === 3 && third === "account-actions") return "write";
  return "other";
}
function records(state, collection) {
  switch (collection) {
    case "employees":
      return state.employees.map((r) => ({ record: r, answer: () => project.employee(r) }));
    case "technicians":
      return state.technicians.map((r) => ({ record: r, answer: () => project.technician(r) }));
    case "user-roles":
      return state.userRoles.map((r) => ({ record: r, answer: () => project.userRole(r) }));
    case "business-units":
      return state.businessUnits.map((r) => ({ record: r, answer: () => project.businessUnit(r) }));
  }
}
function byId(list2) {
  return [...list2].sort((a, b) => a.record.id - b.record.id);
}
function list(ctx, collection, query) {
  const q = listQuery(query);
  const employeeType = collection === "user-roles" ? ["None", "Employee", "Technician", "All"].find(
    (v) => v.toLowerCase() === (query["employeeType"] ?? "Employee").toLowerCase()
  ) : "All";
  if (!employeeType)
    throw new AnswerError(
      problem(400, "One or more validation errors occurred.", {
        employeeType: [`The value '${query["employeeType"]}' is not valid.`]
      })
    );
  const matching = byId(records(ctx.state, collection)).filter(({ record }) => {
    if (!matchesList(record, q)) return false;
    if (employeeType === "None") return false;
    return !("employeeType" in record) || employeeType === "All" || record.employeeType === employeeType;
  });
  const granted = Math.min(q.pageSize, ctx.maxPageSize);
  const pageAt = (page2) => {
    const start = (page2 - 1) * granted;
    return { items: matching.slice(start, start + granted), hasMore: start + granted < matching.length };
  };
  const shiftKey = `${collection}?${Object.entries(query).filter(([k]) => k !== "page").sort().join("&")}`;
  let page = q.page;
  const shiftedAt = ctx.emptyPageShifts.get(shiftKey);
  if (shiftedAt !== void 0) {
    if (page > shiftedAt) page -= 1;
    else ctx.emptyPageShifts.delete(shiftKey);
  }
  let { items, hasMore } = pageAt(page);
  let totalCount = q.includeTotal ? matching.length : null;
  if (ctx.faults.emptyPage) {
    ctx.emptyPageShifts.set(shiftKey, q.page);
    items = [];
    hasMore = true;
  } else if (ctx.faults.hasMoreForever) {
    items = pageAt(1).items;
    hasMore = true;
  } else if (ctx.faults.endlessNewRecords) {
    items = invented(matching, (page - 1) * granted, granted);
    [hasMore, totalCount] = [true, null];
  } else if (ctx.faults.hugeTotalCount) {
    items = page <= matching.length ? matching.slice(page - 1, page) : invented(matching, page - 1, 1);
    [hasMore, totalCount] = [true, HUGE_TOTAL];
  } else if (ctx.faults.duplicateRecords && page > 1) {
    items = [...pageAt(page - 1).items.slice(-2), ...items];
  }
  return {
    status: 200,
    body: {
      page: q.page,
      pageSize: q.pageSize,
      hasMore,
      totalCount,
      data: items.map(({ answer }) => answer())
    }
  };
}
var HUGE_TOTAL = 1e9;
var INVENTED_IDS = 9e8;
function invented(real, position2, count2) {
  if (real.length === 0) return [];
  return Array.from({ length: count2 }, (_, i) => {
    const model = real[(position2 + i) % real.length];
    const id = INVENTED_IDS + position2 + i;
    return { record: model.record, answer: () => ({ ...model.answer(), id }) };
  });
}
function exportFeed(ctx, collection, query) {
  boolean(query, "includeRecentChanges");
  const { offset, since } = exportPosition(query);
  const all = byId(records(ctx.state, collection)).filter(
    ({ record }) => since === null || Date.parse("modifiedOn" in record ? record.modifiedOn : record.createdOn) >= since
  );
  const received = query["from"] || exportToken(0, since);
  let items = all.slice(offset, offset + ctx.exportPageSize);
  const end = offset + items.length;
  let hasMore = end < all.length;
  let continueFrom = exportToken(end, since);
  if (ctx.faults.emptyPage) {
    [items, hasMore, continueFrom] = [[], true, received];
  } else if (ctx.faults.hasMoreForever) {
    [hasMore, continueFrom] = [true, received];
  } else if (ctx.faults.endlessNewRecords) {
    items = invented(all, offset, ctx.exportPageSize);
    [hasMore, continueFrom] = [true, exportToken(offset + items.length, since)];
  } else if (ctx.faults.duplicateRecords && offset > 0) {
    items = [...all.slice(Math.max(0, offset - 2), offset), ...items];
  }
  return { status: 200, body: { hasMore, continueFrom, data: items.map(({ answer }) => answer()) } };
}
function parseId(raw) {
  if (raw === void 0 || !/^\d+$/.test(raw)) {
    throw new AnswerError(
      problem(400, "One or more validation errors occurred.", { id: [`The value '${raw}' is not valid.`] })
    );
  }
  return Number(raw);
}
function getOne(ctx, collection, rawId) {
  const id = parseId(rawId);
  const found = records(ctx.state, collection).find(({ record }) => record.id === id);
  const noun = { employees: "Employee", technicians: "Technician", "business-units": "Business unit" }[collection];
  if (!found) return problem(404, `${noun} with id ${id} not found`);
  return { status: 200, body: found.answer() };
}
function handleApi(ctx, request) {
  const { method, segments, query } = request;
  const [first, second, third] = segments;
  const allowed = (methods, run) => methods.includes(method) ? run() : problem(405, `Method ${method} is not allowed here`);
  if (segments.length === 1 && COLLECTIONS.includes(first)) {
    return allowed(["GET"], () => list(ctx, first, query));
  }
  if (first === "export" && segments.length === 2 && EXPORTS.includes(second ?? "")) {
    return allowed(["GET"], () => exportFeed(ctx, second, query));
  }
  if ((first === "employees" || first === "technicians") && segments.length === 2) {
    return allowed(
      ["GET", "PATCH"],
      () => method === "GET" ? getOne(ctx, first, second ?? "") : updateUser(ctx, first, parseId(second), request.body)
    );
  }
  if ((first === "employees" || first === "technicians") && segments.length === 3 && third === "account-actions") {
    return allowed(["POST"], () => accountAction(ctx, first, parseId(second), request.body));
  }
  if (first === "business-units" && segments.length === 2) {
    return allowed(["GET"], () => getOne(ctx, "business-units", second ?? ""));
  }
  return problem(404, `No such resource: /${segments.join("/")}`);
}

// src/sandbox/auth.ts
import { randomBytes as randomBytes2, timingSafeEqual } from "node:crypto";
var SANDBOX_CREDENTIALS = {
  clientId: "cid.sandbox-demo",
  clientSecret: "cs1.sandbox-demo-secret",
  appKey: "ak1.sandbox-demo-key"
};
function same(a, b) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
function oauthError(status, error, description) {
  return { status, body: description ? { error, error_description: description } : { error } };
}
var TokenAuthority = class {
  constructor(credentials, lifetimeSeconds, now) {
    this.credentials = credentials;
    this.lifetimeSeconds = lifetimeSeconds;
    this.now = now;
  }
  credentials;
  lifetimeSeconds;
  now;
  /** access token -> expiry (ms, on the sandbox clock) */
  tokens = /* @__PURE__ */ new Map();
  issued = 0;
  /** POST /connect/token, form-encoded client_credentials (client in the form or HTTP Basic). */
  tokenRequest(headers, body) {
    const contentType = String(headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
    if (contentType !== "application/x-www-form-urlencoded") {
      return oauthError(
        400,
        "invalid_request",
        "The token request must be application/x-www-form-urlencoded."
      );
    }
    const form = new URLSearchParams(body);
    let clientId = form.get("client_id") ?? "";
    let clientSecret = form.get("client_secret") ?? "";
    const basic = /^Basic\s+(.+)$/i.exec(String(headers["authorization"] ?? ""));
    if (basic?.[1]) {
      const decoded = Buffer.from(basic[1], "base64").toString("utf8");
      const colon = decoded.indexOf(":");
      clientId = decodeURIComponent(decoded.slice(0, colon));
      clientSecret = decodeURIComponent(decoded.slice(colon + 1));
    }
    if (form.get("grant_type") !== "client_credentials") return oauthError(400, "unsupported_grant_type");
    if (!same(clientId, this.credentials.clientId) || !same(clientSecret, this.credentials.clientSecret)) {
      return oauthError(400, "invalid_client");
    }
    const token = randomBytes2(32).toString("base64url");
    this.tokens.set(token, this.now().getTime() + this.lifetimeSeconds * 1e3);
    this.issued++;
    return {
      status: 200,
      body: { access_token: token, expires_in: this.lifetimeSeconds, token_type: "Bearer" },
      headers: { "cache-control": "no-store" }
    };
  }
  /** The gateway's check: a live bearer token and the right ST-App-Key, else 401. */
  check(headers) {
    const appKey = headers["st-app-key"];
    if (typeof appKey !== "string" || !same(appKey, this.credentials.appKey)) {
      return unauthorized(
        "Access denied: the ST-App-Key header is missing or does not match an application."
      );
    }
    const bearer = /^Bearer\s+(\S+)$/i.exec(String(headers["authorization"] ?? ""))?.[1];
    const expires = bearer === void 0 ? void 0 : this.tokens.get(bearer);
    if (expires === void 0) return unauthorized("Unauthorized: the access token is missing or invalid.");
    if (expires <= this.now().getTime()) {
      this.tokens.delete(bearer);
      return unauthorized("Unauthorized: the access token has expired.");
    }
    return null;
  }
  /** Clears the count; issued tokens stay valid, so a client in the middle of a run goes on. */
  resetCount() {
    this.issued = 0;
  }
};

// src/sandbox/directory-api.ts
import { randomUUID } from "node:crypto";

// src/sandbox/directory-auth.ts
import { generateKeyPairSync, randomBytes as randomBytes3, timingSafeEqual as timingSafeEqual2, verify } from "node:crypto";
var ENTRA_FEDERATED_AUDIENCE = "api://AzureADTokenExchange";
var GRAPH_SCOPE = "https://graph.microsoft.com/.default";
var CLIENT_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
var JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
var DIRECTORY_SCOPE = "https://www.googleapis.com/auth/admin.directory.user.readonly";
var CLIENT_EMAIL = "access-guard@acme-hvac-sandbox.iam.gserviceaccount.com";
var serviceAccount = null;
function sandboxServiceAccount() {
  if (!serviceAccount) {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const json = JSON.stringify(
      {
        type: "service_account",
        project_id: "acme-hvac-sandbox",
        private_key_id: randomBytes3(20).toString("hex"),
        private_key: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
        client_email: CLIENT_EMAIL,
        client_id: "104729383618252730211",
        auth_uri: "https://accounts.google.com/o/oauth2/auth",
        token_uri: "https://oauth2.googleapis.com/token"
      },
      null,
      2
    );
    serviceAccount = { json, publicKey };
  }
  return serviceAccount;
}
var SANDBOX_DIRECTORY_CREDENTIALS = {
  entraClientId: "0b7d3f52-8c1e-4a96-b2d4-7e5f9a3c6d18",
  entraClientSecret: "sbx~entra-demo-secret.5Qm8",
  googleClientEmail: CLIENT_EMAIL,
  get googleCredentials() {
    return sandboxServiceAccount().json;
  }
};
function same2(a, b) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual2(x, y);
}
function oauthError2(status, error, description) {
  return { status, body: { error, error_description: description } };
}
function isForm(headers) {
  const type = String(headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
  return type === "application/x-www-form-urlencoded";
}
function jwtParts(token) {
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  try {
    const header = JSON.parse(Buffer.from(parts[0], "base64url").toString("utf8"));
    const claims = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8"));
    if (!header || typeof header !== "object" || !claims || typeof claims !== "object") return null;
    return { header, claims };
  } catch {
    return null;
  }
}
var BearerTokens = class {
  constructor(now) {
    this.now = now;
  }
  now;
  tokens = /* @__PURE__ */ new Map();
  issued = 0;
  issue(lifetimeSeconds, grant) {
    const token = `${randomBytes3(24).toString("base64url")}.sbx`;
    this.tokens.set(token, { expires: this.now().getTime() + lifetimeSeconds * 1e3, grant });
    this.issued++;
    return token;
  }
  /** The grant of a live bearer token; `missing` or `expired` otherwise. */
  check(headers) {
    const bearer = /^Bearer\s+(\S+)$/i.exec(String(headers["authorization"] ?? ""))?.[1];
    const entry = bearer === void 0 ? void 0 : this.tokens.get(bearer);
    if (!entry) return "missing";
    if (entry.expires <= this.now().getTime()) {
      this.tokens.delete(bearer);
      return "expired";
    }
    return { grant: entry.grant };
  }
};
var TOKEN_SECONDS = 3599;
function entraToken(headers, body, tenant, tenantId, credentials, tokens, now) {
  if (!isForm(headers)) {
    return oauthError2(
      400,
      "invalid_request",
      "AADSTS900144: The request body must contain the following parameter: grant_type."
    );
  }
  const form = new URLSearchParams(body);
  if (form.get("grant_type") !== "client_credentials") {
    return oauthError2(
      400,
      "unsupported_grant_type",
      "AADSTS70003: The app requested an unsupported grant type."
    );
  }
  if (tenant.toLowerCase() !== tenantId.toLowerCase()) {
    return oauthError2(
      400,
      "invalid_request",
      `AADSTS90002: Tenant '${tenant.slice(0, 60)}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`
    );
  }
  const clientId = form.get("client_id") ?? "";
  if (!same2(clientId, credentials.entraClientId)) {
    return oauthError2(
      400,
      "unauthorized_client",
      `AADSTS700016: Application with identifier '${clientId.slice(0, 60)}' was not found in the directory '${tenantId}'.`
    );
  }
  if (form.get("scope") !== GRAPH_SCOPE) {
    return oauthError2(400, "invalid_scope", "AADSTS1002012: The provided value for scope is not valid.");
  }
  const secret = form.get("client_secret");
  const assertion = form.get("client_assertion");
  if (secret !== null) {
    if (!same2(secret, credentials.entraClientSecret)) {
      return oauthError2(
        401,
        "invalid_client",
        `AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${credentials.entraClientId}'.`
      );
    }
  } else if (assertion !== null) {
    if (form.get("client_assertion_type") !== CLIENT_ASSERTION_TYPE) {
      return oauthError2(400, "invalid_request", "AADSTS50027: The client_assertion_type is not supported.");
    }
    const jwt = jwtParts(assertion);
    if (!jwt) return oauthError2(400, "invalid_client", "AADSTS50027: JWT token is invalid or malformed.");
    const aud = jwt.claims.aud;
    const audiences = Array.isArray(aud) ? aud : [aud];
    if (!audiences.includes(ENTRA_FEDERATED_AUDIENCE)) {
      return oauthError2(
        400,
        "invalid_client",
        `AADSTS700212: No matching federated identity record found for presented assertion audience '${String(aud).slice(0, 80)}'.`
      );
    }
    if (typeof jwt.claims.exp === "number" && jwt.claims.exp * 1e3 <= now.getTime()) {
      return oauthError2(
        400,
        "invalid_client",
        "AADSTS700024: Client assertion is not within its valid time range."
      );
    }
  } else {
    return oauthError2(
      401,
      "invalid_client",
      "AADSTS7000218: The request body must contain the following parameter: 'client_assertion' or 'client_secret'."
    );
  }
  const token = tokens.issue(TOKEN_SECONDS, true);
  return {
    status: 200,
    body: {
      token_type: "Bearer",
      expires_in: TOKEN_SECONDS,
      ext_expires_in: TOKEN_SECONDS,
      access_token: token
    },
    headers: { "cache-control": "no-store" }
  };
}
function googleToken(headers, body, tokenUrl, users, tokens, now) {
  if (!isForm(headers)) return oauthError2(400, "invalid_request", "Invalid request.");
  const form = new URLSearchParams(body);
  const grant = form.get("grant_type") ?? "";
  if (grant !== JWT_BEARER) {
    return oauthError2(400, "unsupported_grant_type", `Invalid grant_type: ${grant.slice(0, 80)}`);
  }
  const assertion = form.get("assertion") ?? "";
  const jwt = jwtParts(assertion);
  if (!jwt) return oauthError2(400, "invalid_grant", "Invalid JWT: the assertion is not a signed JWT.");
  if (jwt.header.alg !== "RS256") return oauthError2(400, "invalid_grant", "Invalid JWT: alg must be RS256.");
  const [head, payload, signature] = assertion.split(".");
  const valid = verify(
    "RSA-SHA256",
    Buffer.from(`${head}.${payload}`),
    sandboxServiceAccount().publicKey,
    Buffer.from(signature, "base64url")
  );
  if (!valid) return oauthError2(400, "invalid_grant", "Invalid JWT Signature.");
  const { iss, sub, aud, scope, iat, exp } = jwt.claims;
  if (iss !== CLIENT_EMAIL) return oauthError2(401, "invalid_client", "The OAuth client was not found.");
  if (aud !== tokenUrl) return oauthError2(400, "invalid_grant", `Invalid JWT: aud must be ${tokenUrl}.`);
  const seconds = now.getTime() / 1e3;
  if (typeof iat !== "number" || typeof exp !== "number" || iat > seconds + 300 || exp <= seconds || exp - iat > 3600) {
    return oauthError2(
      400,
      "invalid_grant",
      "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim."
    );
  }
  const scopes = typeof scope === "string" ? scope.split(" ") : [];
  if (!scopes.includes(DIRECTORY_SCOPE)) {
    return oauthError2(
      401,
      "unauthorized_client",
      "Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested."
    );
  }
  const subject = typeof sub === "string" ? sub.toLowerCase() : "";
  const user = users.find((u) => u.primaryEmail.toLowerCase() === subject && !u.suspended && !u.archived);
  if (!user) return oauthError2(400, "invalid_grant", "Invalid email or User ID");
  const token = tokens.issue(TOKEN_SECONDS, { admin: user.isAdmin });
  return {
    status: 200,
    body: { access_token: token, expires_in: TOKEN_SECONDS, token_type: "Bearer" },
    headers: { "cache-control": "no-store" }
  };
}

// src/sandbox/directory-api.ts
var ENTRA_PREFIX = "/entra";
var GOOGLE_PREFIX = "/google";
var ENTRA_TOKEN = /^\/entra\/login\/([^/]+)\/oauth2\/v2\.0\/token$/;
var GRAPH_USERS = "/entra/graph/v1.0/users";
var GOOGLE_TOKEN = "/google/token";
var GOOGLE_USERS = "/google/admin/directory/v1/users";
var DAY_MS = 864e5;
var SELECTABLE = /* @__PURE__ */ new Set([
  "id",
  "displayName",
  "userPrincipalName",
  "mail",
  "otherMails",
  "proxyAddresses",
  "accountEnabled",
  "userType",
  "employeeId",
  "createdDateTime",
  "signInActivity",
  "givenName",
  "surname",
  "jobTitle",
  "businessPhones",
  "mobilePhone",
  "officeLocation",
  "preferredLanguage"
]);
var GRAPH_DEFAULT_SELECT = [
  "businessPhones",
  "displayName",
  "givenName",
  "jobTitle",
  "mail",
  "mobilePhone",
  "officeLocation",
  "preferredLanguage",
  "surname",
  "userPrincipalName",
  "id"
];
var SandboxDirectories = class {
  constructor(directory, now, pageSize, credentials = SANDBOX_DIRECTORY_CREDENTIALS) {
    this.directory = directory;
    this.now = now;
    this.pageSize = pageSize;
    this.credentials = credentials;
    this.graphTokens = new BearerTokens(now);
    this.googleTokens = new BearerTokens(now);
  }
  directory;
  now;
  pageSize;
  credentials;
  graphTokens;
  googleTokens;
  get tokensIssued() {
    return this.graphTokens.issued + this.googleTokens.issued;
  }
  static handles(path) {
    return path.startsWith(`${ENTRA_PREFIX}/`) || path.startsWith(`${GOOGLE_PREFIX}/`);
  }
  answer(req) {
    const directory = this.directory();
    if (!directory) {
      return graphError(
        404,
        "Request_ResourceNotFound",
        "This sandbox tenant has no identity directory (its data has no `directory`)."
      );
    }
    const entraToken2 = ENTRA_TOKEN.exec(req.path);
    if (entraToken2) {
      if (req.method !== "POST") return { status: 405, body: { error: "invalid_request" } };
      return this.entraToken(req, decodeURIComponent(entraToken2[1]), directory);
    }
    if (req.path === GRAPH_USERS) return this.graphUsers(req, directory);
    if (req.path === GOOGLE_TOKEN) {
      if (req.method !== "POST") return { status: 405, body: { error: "invalid_request" } };
      return googleToken(
        req.headers,
        req.body,
        `${req.origin}${GOOGLE_TOKEN}`,
        directory.google.users,
        this.googleTokens,
        this.now()
      );
    }
    if (req.path === GOOGLE_USERS) return this.googleUsers(req, directory);
    return graphError(404, "Request_ResourceNotFound", `No such resource: ${req.path.slice(0, 200)}`);
  }
  entraToken(req, tenant, directory) {
    return entraToken(
      req.headers,
      req.body,
      tenant,
      directory.entra.tenantId,
      this.credentials,
      this.graphTokens,
      this.now()
    );
  }
  graphUsers(req, directory) {
    if (req.method !== "GET") return graphError(405, "Request_BadRequest", "The method is not allowed.");
    const auth = this.graphTokens.check(req.headers);
    if (auth === "missing")
      return graphError(401, "InvalidAuthenticationToken", "Access token is empty or invalid.");
    if (auth === "expired") {
      return graphError(
        401,
        "InvalidAuthenticationToken",
        "Lifetime validation failed, the token is expired."
      );
    }
    const selectText = req.query.$select;
    const select = selectText === void 0 ? GRAPH_DEFAULT_SELECT : selectText.split(",").map((s) => s.trim());
    const unknown = select.find((s) => !SELECTABLE.has(s));
    if (unknown !== void 0) {
      return graphError(
        400,
        "Request_BadRequest",
        `Could not find a property named '${unknown.slice(0, 60)}' on type 'microsoft.graph.user'.`
      );
    }
    if (select.includes("signInActivity") && !directory.entra.premium) {
      return graphError(
        403,
        "Authentication_RequestFromNonPremiumTenantOrB2CTenant",
        "Neither tenant is B2C or tenant doesn't have premium license"
      );
    }
    const top = req.query.$top === void 0 ? 100 : Number(req.query.$top);
    if (!Number.isInteger(top) || top < 1 || top > 999) {
      return graphError(
        400,
        "Request_BadRequest",
        `Invalid page size specified: '${String(req.query.$top).slice(0, 20)}'. Must be between 1 and 999 inclusive.`
      );
    }
    const offset = readPosition(req.query.$skiptoken);
    if (offset === null) return graphError(400, "Request_BadRequest", "The skip token is not valid.");
    const size = Math.min(top, this.pageSize ?? 999);
    const users = directory.entra.users;
    const page = users.slice(offset, offset + size);
    const end = offset + page.length;
    const now = this.now().getTime();
    const body = {
      "@odata.context": `${req.origin}/entra/graph/v1.0/$metadata#users(${select.join(",")})`,
      value: page.map((u) => projectEntra(u, select, now))
    };
    if (end < users.length) {
      const query = [
        ...selectText === void 0 ? [] : [`$select=${selectText}`],
        `$top=${top}`,
        `$skiptoken=${position(end)}`
      ].join("&");
      body["@odata.nextLink"] = `${req.origin}${GRAPH_USERS}?${query}`;
    }
    return { status: 200, body };
  }
  googleUsers(req, directory) {
    if (req.method !== "GET") return googleError(405, "Method Not Allowed", "methodNotAllowed");
    const auth = this.googleTokens.check(req.headers);
    if (typeof auth === "string") {
      return googleError(
        401,
        "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.",
        "authError",
        "UNAUTHENTICATED"
      );
    }
    if (!auth.grant.admin) return googleError(403, "Not Authorized to access this resource/api", "forbidden");
    const customer = req.query.customer;
    if (customer !== "my_customer" && customer !== directory.google.customerId) {
      return googleError(
        400,
        customer === void 0 ? "Bad Request" : "Invalid Input: customer",
        "badRequest"
      );
    }
    const max = req.query.maxResults === void 0 ? 100 : Number(req.query.maxResults);
    if (!Number.isInteger(max) || max < 1 || max > 500) {
      return googleError(400, "Invalid value for: maxResults", "invalid");
    }
    const offset = readPosition(req.query.pageToken);
    if (offset === null) return googleError(400, "Invalid Input: pageToken", "invalid");
    const size = Math.min(max, this.pageSize ?? 500);
    const users = directory.google.users;
    const page = users.slice(offset, offset + size);
    const end = offset + page.length;
    const now = this.now().getTime();
    const body = { kind: "admin#directory#users", etag: '"sandbox"' };
    if (page.length > 0) body.users = page.map((u) => projectGoogle(u, directory.google.customerId, now));
    if (end < users.length) body.nextPageToken = position(end);
    return { status: 200, body };
  }
};
function position(offset) {
  return Buffer.from(`sandbox-page:${offset}`).toString("base64url");
}
function readPosition(token) {
  if (token === void 0) return 0;
  const match = /^sandbox-page:(\d+)$/.exec(Buffer.from(token, "base64url").toString("utf8"));
  return match ? Number(match[1]) : null;
}
function timeBefore(now, days2) {
  return days2 === null || days2 === void 0 ? null : new Date(now - days2 * DAY_MS).toISOString();
}
function projectEntra(user, select, now) {
  const lastSignIn = timeBefore(now, user.lastSignInDaysAgo);
  const lastSuccessful = timeBefore(
    now,
    user.lastSuccessfulSignInDaysAgo === void 0 ? user.lastSignInDaysAgo : user.lastSuccessfulSignInDaysAgo
  );
  const [givenName = null, surname = null] = user.displayName?.split(" ") ?? [];
  const all = {
    id: user.id,
    displayName: user.displayName,
    userPrincipalName: user.userPrincipalName,
    mail: user.mail,
    otherMails: user.otherMails,
    proxyAddresses: user.proxyAddresses,
    accountEnabled: user.accountEnabled,
    userType: user.userType,
    employeeId: user.employeeId,
    createdDateTime: user.createdDateTime,
    // Graph answers null for a user who never signed in
    signInActivity: lastSignIn === null && lastSuccessful === null ? null : {
      lastSignInDateTime: lastSignIn,
      lastSignInRequestId: lastSignIn === null ? null : "00000000-0000-0000-0000-000000000000",
      lastNonInteractiveSignInDateTime: lastSuccessful,
      lastNonInteractiveSignInRequestId: null,
      lastSuccessfulSignInDateTime: lastSuccessful,
      lastSuccessfulSignInRequestId: null
    },
    givenName,
    surname,
    jobTitle: null,
    businessPhones: [],
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: null
  };
  const out = {};
  for (const field of select) out[field] = all[field];
  out.id = user.id;
  return out;
}
function projectGoogle(user, customerId, now) {
  return {
    kind: "admin#directory#user",
    id: user.id,
    etag: `"${user.id}"`,
    primaryEmail: user.primaryEmail,
    name: user.name,
    isAdmin: user.isAdmin,
    isDelegatedAdmin: false,
    lastLoginTime: timeBefore(now, user.lastLoginDaysAgo) ?? "1970-01-01T00:00:00.000Z",
    creationTime: user.creationTime,
    agreedToTerms: true,
    suspended: user.suspended,
    archived: user.archived,
    changePasswordAtNextLogin: false,
    ipWhitelisted: false,
    emails: user.emails,
    ...user.aliases ? { aliases: user.aliases } : {},
    ...user.nonEditableAliases ? { nonEditableAliases: user.nonEditableAliases } : {},
    customerId,
    orgUnitPath: "/",
    isMailboxSetup: true,
    includeInGlobalAddressList: true
  };
}
function graphError(status, code, message) {
  return {
    status,
    body: {
      error: { code, message, innerError: { "request-id": randomUUID() } }
    }
  };
}
function googleError(status, message, reason, statusText) {
  return {
    status,
    body: {
      error: {
        code: status,
        message,
        errors: [{ message, domain: "global", reason }],
        ...statusText ? { status: statusText } : {}
      }
    }
  };
}

// src/sandbox/faults.ts
var FAULT_KINDS = [
  "status-429",
  "status-429-no-retry-after",
  "status-429-gateway-message",
  "status-500",
  "status-502",
  "status-503",
  "status-401",
  "status-403",
  "status-404",
  "reset",
  "reset-after-write",
  "slow",
  "truncated-json",
  "invalid-json",
  "has-more-forever",
  "has-more-forever-new-ids",
  "huge-total-count",
  "duplicate-records",
  "empty-page",
  "write-noop"
];
var count = external_exports.number().int().nonnegative();
var faultsSchema = external_exports.strictObject({
  latencyMs: count.optional(),
  rateLimitPerSecond: external_exports.number().int().positive().optional(),
  rules: external_exports.array(
    external_exports.strictObject({
      match: external_exports.strictObject({ method: external_exports.string().optional(), path: external_exports.string().optional() }).optional(),
      kind: external_exports.enum(FAULT_KINDS),
      times: count.optional(),
      after: count.optional(),
      delayMs: count.optional(),
      retryAfterSeconds: count.optional()
    })
  ).optional()
});
var BEHAVIOUR_CLASSES = {
  "has-more-forever": ["list", "export"],
  "has-more-forever-new-ids": ["list", "export"],
  "huge-total-count": ["list"],
  "duplicate-records": ["list", "export"],
  "empty-page": ["list", "export"],
  "write-noop": ["write"],
  "reset-after-write": ["write"]
};
var FaultPlan = class {
  constructor(faults) {
    this.faults = faults;
    const n = faults.rules?.length ?? 0;
    this.seen = new Array(n).fill(0);
    this.fired = new Array(n).fill(0);
  }
  faults;
  seen;
  fired;
  /** Counts the request against every matching rule and says which rules fire for it. */
  evaluate(method, path, requestClass) {
    const result = {
      transport: null,
      hasMoreForever: false,
      endlessNewRecords: false,
      hugeTotalCount: false,
      duplicateRecords: false,
      emptyPage: false,
      writeNoop: false
    };
    (this.faults.rules ?? []).forEach((rule, i) => {
      if (rule.match?.method && rule.match.method.toUpperCase() !== method.toUpperCase()) return;
      if (rule.match?.path && !path.includes(rule.match.path)) return;
      const classes = BEHAVIOUR_CLASSES[rule.kind];
      if (classes && !classes.includes(requestClass)) return;
      const seen = ++this.seen[i];
      if (seen <= (rule.after ?? 0)) return;
      const times = rule.times ?? (rule.kind === "empty-page" ? 1 : Infinity);
      if (this.fired[i] >= times) return;
      this.fired[i]++;
      if (rule.kind === "has-more-forever") result.hasMoreForever = true;
      else if (rule.kind === "has-more-forever-new-ids") result.endlessNewRecords = true;
      else if (rule.kind === "huge-total-count") result.hugeTotalCount = true;
      else if (rule.kind === "duplicate-records") result.duplicateRecords = true;
      else if (rule.kind === "empty-page") result.emptyPage = true;
      else if (rule.kind === "write-noop") result.writeNoop = true;
      else result.transport ??= rule;
    });
    return result;
  }
};
var RollingRateLimiter = class {
  constructor(clock = () => performance.now()) {
    this.clock = clock;
  }
  clock;
  admitted = /* @__PURE__ */ new Map();
  /** True when the request may go on; false when it is over the limit (and is not counted). */
  admit(key2, perSecond) {
    const now = this.clock();
    const recent = (this.admitted.get(key2) ?? []).filter((t) => now - t < 1e3);
    const allowed = recent.length < perSecond;
    if (allowed) recent.push(now);
    this.admitted.set(key2, recent);
    return allowed;
  }
};

// src/sandbox/permissions.ts
var permissionChange = external_exports.strictObject({
  /** `employee:150` or `technician:201` */
  user: external_exports.string().regex(/^(employee|technician):\d+$/, "must be employee:ID or technician:ID"),
  permission: external_exports.number().int().positive(),
  value: external_exports.string().nullable().optional()
});
function changePermission(state, body, now) {
  let value;
  try {
    value = JSON.parse(body);
  } catch {
    return { status: 400, body: { error: "The body is not valid JSON." } };
  }
  const parsed = permissionChange.safeParse(value);
  if (!parsed.success) {
    return {
      status: 400,
      body: {
        error: parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "),
        example: { user: "employee:150", permission: 10405, value: "True" }
      }
    };
  }
  const { user: ref, permission: permission2 } = parsed.data;
  const [kind, idText] = ref.split(":");
  const id = Number(idText);
  const list2 = kind === "employee" ? state.employees : state.technicians;
  const user = list2.find((u) => u.id === id);
  if (!user) return { status: 404, body: { error: `No ${kind} with id ${id} in the sandbox tenant.` } };
  const permissions = user.permissions ??= [];
  const held = permissions.find((p) => p?.id === permission2);
  const before = held ? held.value : void 0;
  let after;
  if (parsed.data.value !== void 0) after = parsed.data.value;
  else if (before === "True" || before === "False") after = before === "True" ? "False" : "True";
  else {
    return {
      status: 400,
      body: {
        error: `${ref} has permission ${permission2} ${before === void 0 ? "not at all" : `as ${JSON.stringify(before)}`}: give the new "value" to set.`
      }
    };
  }
  if (held) held.value = after;
  else permissions.push({ id: permission2, value: after });
  user.modifiedOn = now.toISOString();
  return {
    status: 200,
    body: { ok: true, user: { kind, id, name: user.name }, permission: permission2, before: before ?? null, after }
  };
}

// src/sandbox/catalogue.ts
var SAMPLE_PERMISSION_IDS = { generateApiKey: 10421, manageApiAccess: 10422 };
var DISCOUNT_LIMIT = 10440;
var REPORT_SCOPE = 10441;
var PERMISSION_CATALOGUE = [
  { id: 10400, label: "Access Dispatch Board" },
  { id: 10401, label: "Book Jobs" },
  { id: 10402, label: "Cancel Jobs" },
  { id: 10403, label: "Edit Completed Jobs" },
  { id: 10404, label: "View Customer Records" },
  { id: 10405, label: "Edit Customer Records" },
  { id: 10406, label: "Merge Customers" },
  { id: 10407, label: "Delete Customers" },
  { id: 10408, label: "Create Estimates" },
  { id: 10409, label: "Approve Estimate Discounts" },
  { id: 10410, label: "Edit Invoices" },
  { id: 10411, label: "Post Invoices" },
  { id: 10412, label: "Void Invoices" },
  { id: 10413, label: "Process Refunds" },
  { id: 10414, label: "Take Payments" },
  { id: 10415, label: "Export Accounting Data" },
  { id: 10416, label: "Edit Pricebook" },
  { id: 10417, label: "View Pricebook Costs" },
  { id: 10418, label: "Manage Memberships" },
  { id: 10419, label: "Manage Inventory" },
  { id: 10420, label: "Create Purchase Orders" },
  { id: 10421, label: "Generate API Application Key" },
  { id: 10422, label: "Manage API Application Access" },
  { id: 10423, label: "Manage Users" },
  { id: 10424, label: "Manage Roles and Permissions" },
  { id: 10425, label: "Edit Company Settings" },
  { id: 10426, label: "Manage Integrations" },
  { id: 10427, label: "View Reports" },
  { id: 10428, label: "Create Custom Reports" },
  { id: 10429, label: "Export Reports" },
  { id: 10430, label: "View Payroll" },
  { id: 10431, label: "Edit Payroll" },
  { id: 10432, label: "Edit Timesheets" },
  { id: 10433, label: "Approve Timesheets" },
  { id: 10434, label: "Manage Marketing Campaigns" },
  { id: 10435, label: "Listen to Call Recordings" },
  { id: 10436, label: "Mobile: Complete Jobs" },
  { id: 10437, label: "Mobile: Collect Payments" },
  { id: 10438, label: "Mobile: View Job History" },
  { id: 10439, label: "Mobile: Edit Equipment" },
  { id: DISCOUNT_LIMIT, label: "Maximum Discount Percent" },
  { id: REPORT_SCOPE, label: "Report Access Level" }
];
var ROLE_IDS = {
  admin: 1,
  owner: 2,
  officeManager: 3,
  dispatcher: 4,
  csr: 5,
  accounting: 6,
  salesManager: 7,
  fieldManager: 8,
  readOnly: 9,
  technician: 10,
  technicianHelper: 11,
  installer: 12,
  legacyMarketing: 13
};
var range = (from, to) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
var ALL_BUT_API = range(10400, 10439).filter(
  (id) => id !== SAMPLE_PERMISSION_IDS.generateApiKey && id !== SAMPLE_PERMISSION_IDS.manageApiAccess
);
var FIELD = [10404, 10408, 10414, 10436, 10437, 10438, 10439];
var ROLE_TEMPLATES = {
  admin: {
    name: "Admin",
    employeeType: "Employee",
    active: true,
    builtIn: "Admin",
    grants: ALL_BUT_API,
    discountLimit: "100",
    reportScope: "All"
  },
  owner: {
    name: "Owner",
    employeeType: "Employee",
    active: true,
    builtIn: "Owner",
    grants: ALL_BUT_API,
    discountLimit: "100",
    reportScope: "All"
  },
  officeManager: {
    name: "Office Manager",
    employeeType: "Employee",
    active: true,
    builtIn: "GeneralOffice",
    grants: [
      10400,
      10401,
      10402,
      10403,
      10404,
      10405,
      10406,
      10408,
      10409,
      10410,
      10411,
      10414,
      10418,
      10423,
      10427,
      10428,
      10429,
      10432,
      10433,
      10435
    ],
    discountLimit: "25",
    reportScope: "All"
  },
  dispatcher: {
    name: "Dispatcher",
    employeeType: "Employee",
    active: true,
    builtIn: "Dispatch",
    grants: [10400, 10401, 10402, 10404, 10405, 10427, 10435],
    discountLimit: "0",
    reportScope: "Own"
  },
  csr: {
    name: "CSR",
    employeeType: "Employee",
    active: true,
    builtIn: "CSR",
    grants: [10401, 10404, 10405, 10408, 10414, 10418, 10435],
    discountLimit: "10",
    reportScope: "Own"
  },
  accounting: {
    name: "Accounting",
    employeeType: "Employee",
    active: true,
    builtIn: "Accounting",
    grants: [
      10404,
      10410,
      10411,
      10412,
      10413,
      10414,
      10415,
      10417,
      10420,
      10427,
      10429,
      10430,
      10431,
      10432,
      10433
    ],
    discountLimit: "0",
    reportScope: "All"
  },
  salesManager: {
    name: "Sales Manager",
    employeeType: "Employee",
    active: true,
    builtIn: "SalesManager",
    grants: [10404, 10405, 10408, 10409, 10416, 10417, 10427, 10428, 10434],
    discountLimit: "20",
    reportScope: "All"
  },
  fieldManager: {
    name: "Field Manager",
    employeeType: "Employee",
    active: true,
    builtIn: "FieldManager",
    grants: [10400, 10402, 10403, 10404, 10408, 10409, 10419, 10427, 10432, 10433, ...FIELD],
    discountLimit: "15",
    reportScope: "All"
  },
  readOnly: {
    name: "Read Only",
    employeeType: "Employee",
    active: true,
    builtIn: "DisplayUser",
    grants: [10404, 10427],
    discountLimit: "0",
    reportScope: "None"
  },
  technician: {
    name: "Technician",
    employeeType: "Technician",
    active: true,
    builtIn: "Technician",
    grants: FIELD,
    discountLimit: "10",
    reportScope: "Own"
  },
  technicianHelper: {
    name: "Technician Helper",
    employeeType: "Technician",
    active: true,
    builtIn: "TechnicianHelper",
    grants: [10404, 10436, 10438],
    discountLimit: "0",
    reportScope: "None"
  },
  installer: {
    name: "Installer",
    employeeType: "Technician",
    active: true,
    builtIn: "TechnicianInstaller",
    grants: [...FIELD, 10419],
    discountLimit: "5",
    reportScope: "Own"
  },
  legacyMarketing: {
    name: "Marketing (legacy)",
    employeeType: "Employee",
    active: false,
    builtIn: "GeneralOffice",
    grants: [10404, 10434],
    discountLimit: "0",
    reportScope: "None"
  }
};
function userRoles() {
  return Object.keys(ROLE_IDS).map((key2) => ({
    id: ROLE_IDS[key2],
    name: ROLE_TEMPLATES[key2].name,
    active: ROLE_TEMPLATES[key2].active,
    createdOn: `2018-05-${String(ROLE_IDS[key2] + 1).padStart(2, "0")}T14:00:00Z`,
    employeeType: ROLE_TEMPLATES[key2].employeeType
  }));
}
var BUSINESS_UNIT_IDS = {
  hvacService: 1,
  hvacInstall: 2,
  plumbing: 3,
  electrical: 4,
  corporate: 5,
  solar: 6
};
function businessUnits() {
  const unit = (id, name, active = true) => ({
    id,
    name,
    active,
    createdOn: `2018-04-0${id}T12:00:00Z`,
    modifiedOn: active ? `2024-01-1${id}T09:30:00Z` : "2022-08-31T17:00:00Z",
    officialName: `Acme HVAC - ${name}`,
    email: `${name.toLowerCase().replace(/[^a-z]+/g, "-").replace(/^-|-$/g, "")}@acme-hvac.com`,
    currency: "USD",
    phoneNumber: `555010${id}`
  });
  return [
    unit(BUSINESS_UNIT_IDS.hvacService, "HVAC Service"),
    unit(BUSINESS_UNIT_IDS.hvacInstall, "HVAC Install"),
    unit(BUSINESS_UNIT_IDS.plumbing, "Plumbing"),
    unit(BUSINESS_UNIT_IDS.electrical, "Electrical"),
    unit(BUSINESS_UNIT_IDS.corporate, "Corporate"),
    unit(BUSINESS_UNIT_IDS.solar, "Solar (closed)", false)
  ];
}
function permissionsFor(role, overrides = {}) {
  const template = ROLE_TEMPLATES[role];
  return PERMISSION_CATALOGUE.map(({ id }) => {
    let value = template.grants.includes(id) ? "True" : "False";
    if (id === DISCOUNT_LIMIT) value = template.discountLimit;
    if (id === REPORT_SCOPE) value = template.reportScope;
    if (id in overrides) value = overrides[id] ?? null;
    return { id, value };
  });
}

// src/sandbox/sample-directory.ts
import { createHash } from "node:crypto";
var SAMPLE_ENTRA_TENANT_ID = "6f1c2b7e-3a4d-4c8e-9f21-5b7d0e9a1c34";
var SAMPLE_GOOGLE_CUSTOMER_ID = "C03acm7hv";
var ONMICROSOFT = "acmehvac.onmicrosoft.com";
var INTERNAL = /@acme-hvac\.com$/i;
var SAMPLE_IDENTITY_PEOPLE = {
  leaver: 101,
  brokenSso: 145,
  dormantTechnician: 208,
  aliasTechnician: 204,
  unmatched: 164
};
var DISABLED = /* @__PURE__ */ new Set(["employee:101", "employee:120", "employee:141", "employee:163", "technician:215"]);
var LAST_SIGN_IN = {
  "employee:101": 40,
  "employee:120": 400,
  "employee:141": 700,
  "employee:163": 250,
  "technician:208": 200,
  "technician:215": 300
};
function digest(text) {
  return createHash("sha256").update(`acme-hvac:${text}`).digest("hex");
}
function entraObjectId(key2) {
  const h = digest(`entra:${key2}`);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${"89ab"[parseInt(h[16], 16) % 4]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
function googleUserId(key2) {
  return `1${BigInt(`0x${digest(`google:${key2}`).slice(0, 24)}`).toString().padStart(20, "0").slice(0, 20)}`;
}
function linkSampleToEntra(employees) {
  for (const e of employees) {
    if (!e.email || !INTERNAL.test(e.email)) continue;
    e.aadUserId = e.id === SAMPLE_IDENTITY_PEOPLE.brokenSso ? entraObjectId(`employee:${e.id}:before-it-was-re-created`) : entraObjectId(`employee:${e.id}`);
  }
}
function sampleDirectory(employees, technicians) {
  const users = [
    ...employees.map((e) => ({ ...e, kind: "employee" })),
    ...technicians.map((t) => ({ ...t, kind: "technician" }))
  ].filter((u) => u.email);
  return {
    entra: { tenantId: SAMPLE_ENTRA_TENANT_ID, premium: true, users: users.map(entraUser) },
    google: {
      customerId: SAMPLE_GOOGLE_CUSTOMER_ID,
      users: users.filter((u) => INTERNAL.test(u.email ?? "")).map(googleUser)
    }
  };
}
function key(user) {
  return `${user.kind}:${user.id}`;
}
function primaryAddress(user) {
  const email = user.email.toLowerCase();
  if (user.kind === "technician" && user.id === SAMPLE_IDENTITY_PEOPLE.aliasTechnician) {
    return `${email.split(".")[0]}@acme-hvac.com`;
  }
  return email;
}
function daysAgo(user) {
  return LAST_SIGN_IN[key(user)] ?? user.id % 17 + 1;
}
function entraUser(user) {
  const email = user.email.toLowerCase();
  const internal = INTERNAL.test(email);
  const local = email.split("@")[0];
  const primary = primaryAddress(user);
  const lastSignIn = daysAgo(user);
  return {
    id: entraObjectId(key(user)),
    displayName: user.name,
    userPrincipalName: internal ? primary : `${email.replace("@", "_")}#EXT#@${ONMICROSOFT}`,
    mail: primary,
    otherMails: internal ? [] : [email],
    proxyAddresses: internal ? [
      `SMTP:${primary}`,
      ...primary === email ? [] : [`smtp:${email}`],
      `smtp:${local}@${ONMICROSOFT}`,
      `SIP:${primary}`
    ] : [`SMTP:${email}`],
    accountEnabled: !DISABLED.has(key(user)),
    userType: internal ? "Member" : "Guest",
    employeeId: internal ? `${user.kind === "employee" ? "E" : "T"}-${String(user.id).padStart(4, "0")}` : null,
    createdDateTime: user.createdOn,
    lastSignInDaysAgo: lastSignIn,
    // field staff's phones refresh their tokens without an interactive sign-in
    ...user.kind === "technician" && !(key(user) in LAST_SIGN_IN) ? { lastSuccessfulSignInDaysAgo: user.id % 5 / 24 } : {}
  };
}
function googleUser(user) {
  const email = user.email.toLowerCase();
  const primary = primaryAddress(user);
  const [givenName = "", familyName = ""] = user.name.split(" ");
  const k = key(user);
  return {
    id: googleUserId(k),
    primaryEmail: primary,
    name: { givenName, familyName, fullName: user.name },
    isAdmin: "role" in user && (user.role === "Admin" || user.role === "Owner"),
    suspended: DISABLED.has(k) && k !== "employee:120",
    archived: k === "employee:120",
    creationTime: user.createdOn,
    emails: [{ address: primary, primary: true }, ...primary === email ? [] : [{ address: email }]],
    ...primary === email ? {} : { aliases: [email] },
    nonEditableAliases: [`${primary.split("@")[0]}@acme-hvac.com.test-google-a.com`],
    lastLoginDaysAgo: daysAgo(user)
  };
}

// src/sandbox/sample-tenant.ts
var KEY = 10421;
var ACCESS = 10422;
var FIRST = "Alicia Brandon Carmen Derek Elena Felix Gina Hector Irene Jamal Karen Luis Megan Nathan Omar Peter Quinn Rosa Steven Tanya Umar Vanessa Walter Ximena Yusuf Zoe Aaron Bianca Caleb Diana Ethan Fiona Gordon Hannah Isaac Julia Kyle Laura Mason Nora Owen Paige Ryan Sofia Trevor Uma Victor Wendy Xavier Yvonne Zach Amber Blake Chloe Dylan Erin Frank Grace Henry Ivy Jacob Kelsey Logan Maria Noah Oscar Priya Reggie Sean Tess Uriel Val Wes Yara Zane Andre Brooke Colin Dominic Eva Gavin Hugo Jorge".split(" ");
var LAST = "Alvarez Brooks Castillo Dunn Ellis Foster Garcia Hughes Ingram Jenkins Kim Lopez Mitchell Nguyen Gallagher Owens Patel Quintero Reed Sanders Thompson Underwood Vasquez Walsh Young Zimmerman Adams Baker Carter Diaz Edwards Fleming Pierce Gibson Harper Irwin Jordan Keller Lambert Morales Norris Ortiz Parker Ramirez Stone Turner Vaughn Warren Yates Bishop Chambers Dawson Fowler Gutierrez Hale Jensen Kerr Lyons McCoy Nash Oliver Perry Rhodes Shaw Tucker Vega Wade Abbott Barton Cruz Delgado Fuller Hayes Lowe Mendez Pratt Rojas Sutton Tate Webb Yoder Ramsey Soto".split(" ");
var EMPLOYEE_ROLE_MIX = [
  ["csr", 16],
  ["dispatcher", 8],
  ["accounting", 7],
  ["salesManager", 5],
  ["fieldManager", 7],
  ["officeManager", 4],
  ["readOnly", 6]
];
var NAMED_STAFF = { 112: "Olivia Grant", 130: "Gary Pruitt" };
var OFFICE_ROLES = ["accounting", "officeManager", "readOnly"];
var FIELD_UNITS = [
  BUSINESS_UNIT_IDS.hvacService,
  BUSINESS_UNIT_IDS.hvacInstall,
  BUSINESS_UNIT_IDS.plumbing,
  BUSINESS_UNIT_IDS.electrical
];
function dayAfterStart(days2, hour = 15) {
  return new Date(Date.UTC(2019, 0, 7 + days2, hour, days2 * 7 % 60, 0)).toISOString();
}
function employee(id, name, role, unit, options = {}) {
  const [first = "", last = ""] = name.toLowerCase().split(" ");
  const index = id - 100;
  return {
    id,
    userId: 3e3 + id,
    name,
    role: options.builtIn ?? ROLE_TEMPLATES[role].builtIn,
    roleIds: [ROLE_IDS[role]],
    businessUnitId: unit,
    createdOn: dayAfterStart(index * 13),
    modifiedOn: dayAfterStart(index * 13 + 180 + index % 40, 18),
    email: options.email === void 0 ? `${first}.${last}@acme-hvac.com` : options.email,
    phoneNumber: `555${String(2e6 + index * 7919).slice(-7)}`,
    loginName: options.login === void 0 ? `${first.charAt(0)}${last}` : options.login,
    customFields: [{ typeId: 501, name: "Employee Number", value: `E-${String(id).padStart(4, "0")}` }],
    active: options.active ?? true,
    aadUserId: null,
    permissions: permissionsFor(role, options.overrides),
    accountLocked: options.locked === void 0 ? false : options.locked
  };
}
function sampleEmployees() {
  const list2 = [
    employee(101, "Dana Whitfield", "admin", BUSINESS_UNIT_IDS.corporate, {
      overrides: { [KEY]: "True", [ACCESS]: "True" }
    }),
    employee(102, "Marcus Bell", "admin", BUSINESS_UNIT_IDS.corporate),
    employee(103, "Robert Hallorann", "owner", BUSINESS_UNIT_IDS.corporate)
  ];
  let person = 0;
  for (const [role, count2] of EMPLOYEE_ROLE_MIX) {
    for (let n = 0; n < count2; n++, person++) {
      const id = 104 + person;
      const name = NAMED_STAFF[id] ?? `${FIRST[person]} ${LAST[person]}`;
      const unit = OFFICE_ROLES.includes(role) ? BUSINESS_UNIT_IDS.corporate : FIELD_UNITS[person % 4] ?? 1;
      const options = {};
      if (id === 112) options.email = "Olivia.Grant@Acme-HVAC.com";
      if (id === 120 || id === 141) options.active = false;
      if (id === 130) options.locked = true;
      if (id % 9 === 0 && id !== 130) options.locked = null;
      list2.push(employee(id, name, role, unit, options));
    }
  }
  list2.push(
    employee(160, "Kevin Tran", "officeManager", BUSINESS_UNIT_IDS.corporate, {
      email: "kevin.tran@coolit-integrations.example",
      login: "kevin.coolit",
      overrides: { [KEY]: "True", [ACCESS]: "True" }
    }),
    employee(161, "Jake Morrison", "dispatcher", BUSINESS_UNIT_IDS.hvacService, {
      email: "jake.morrison.hvac@gmail.com",
      login: "jmorrison",
      overrides: { [KEY]: "True", [ACCESS]: "True" }
    }),
    employee(162, "Sam Ortega", "admin", BUSINESS_UNIT_IDS.corporate, {
      email: "sam@ortega-it.example",
      login: "sam.ortega"
    }),
    employee(163, "Lena Fischer", "readOnly", BUSINESS_UNIT_IDS.corporate, {
      email: "lena.fischer@brightpath-software.example",
      login: "lfischer.brightpath",
      active: false,
      overrides: { [KEY]: "True" }
    }),
    employee(164, "Front Desk Tablet", "csr", BUSINESS_UNIT_IDS.corporate, { email: null, login: null })
  );
  return list2;
}
var TECHNICIAN_ROLE_CYCLE = ["technician", "technician", "technicianHelper", "installer"];
var TEAMS = ["Service Team A", "Service Team B", "Install Crew", "Plumbing Crew", "Electrical Crew"];
function technician(index) {
  const id = 201 + index;
  const person = 53 + index;
  const outsider = id === 230;
  const name = outsider ? "Rick Dalton" : `${FIRST[person]} ${LAST[person]}`;
  const [first = "", last = ""] = name.toLowerCase().split(" ");
  const role = TECHNICIAN_ROLE_CYCLE[index % 4] ?? "technician";
  const active = id !== 215;
  return {
    id,
    userId: 4e3 + id,
    name,
    roleIds: [ROLE_IDS[role]],
    businessUnitId: FIELD_UNITS[index % 4] ?? 1,
    mainZoneId: index % 3 === 0 ? 70 + index % 4 : null,
    zoneIds: index % 3 === 0 ? [70 + index % 4] : [],
    createdOn: dayAfterStart(index * 23 + 5, 13),
    modifiedOn: dayAfterStart(index * 23 + 400, 16),
    email: outsider ? "rick@dalton-mechanical.example" : `${first}.${last}@acme-hvac.com`,
    phoneNumber: `555${String(3e6 + index * 6151).slice(-7)}`,
    loginName: outsider ? "rdalton.mech" : `${first.charAt(0)}${last}`,
    home: index % 2 === 0 ? {
      street: `${100 + index * 17} Maple Ave`,
      unit: null,
      country: "USA",
      city: "Springfield",
      state: "IL",
      zip: "62704",
      streetAddress: null,
      latitude: null,
      longitude: null
    } : null,
    dailyGoal: 1200 + index % 5 * 150,
    isManagedTech: role !== "technicianHelper",
    customFields: [{ typeId: 601, name: "Truck", value: `T-${String(index + 1).padStart(2, "0")}` }],
    active,
    aadUserId: null,
    burdenRate: 18.5 + index % 4,
    team: TEAMS[index % TEAMS.length] ?? null,
    jobFilter: "AllScheduledDispatchedWorking",
    permissions: permissionsFor(role),
    accountLocked: false,
    licenseType: active ? role === "technicianHelper" ? "NonManagedTech" : "ManagedTech" : null
  };
}
function sampleTenant() {
  const employees = sampleEmployees();
  const technicians = Array.from({ length: 30 }, (_, i) => technician(i));
  linkSampleToEntra(employees);
  return {
    tenant: 1234567,
    company: { name: "Acme HVAC", internalDomain: "acme-hvac.com" },
    employees,
    technicians,
    userRoles: userRoles(),
    businessUnits: businessUnits(),
    permissionCatalogue: PERMISSION_CATALOGUE.map((entry) => ({ ...entry })),
    directory: sampleDirectory(employees, technicians)
  };
}

// src/sandbox/wire.ts
function copyOf(data) {
  return JSON.parse(JSON.stringify(data));
}
function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on("data", (chunk) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
function write(res, answer, mangle) {
  let payload = Buffer.from(JSON.stringify(answer.body));
  if (mangle === "invalid-json")
    payload = Buffer.from('{"page":1,"data":[{"id":1,},]<html>Bad Gateway</html>');
  const headers = {
    "content-type": "application/json; charset=utf-8",
    ...answer.headers,
    "content-length": String(payload.length)
  };
  res.writeHead(answer.status, headers);
  if (mangle === "truncated-json") {
    res.write(payload.subarray(0, Math.floor(payload.length / 2)), () => res.socket?.destroy());
    return;
  }
  res.end(payload);
}

// src/sandbox/server.ts
var API_PREFIX = /^\/settings\/v2\/tenant\/([^/]+)(?:\/(.*))?$/;
async function startSandbox(options = {}) {
  const initial = copyOf(options.data ?? sampleTenant());
  const credentials = options.credentials ?? SANDBOX_CREDENTIALS;
  const now = options.now ?? (() => /* @__PURE__ */ new Date());
  const auth = new TokenAuthority(credentials, options.tokenLifetimeSeconds ?? 900, now);
  const limiter = new RollingRateLimiter();
  const requests = [];
  const pendingTimers = /* @__PURE__ */ new Set();
  let state = copyOf(initial);
  const directories = new SandboxDirectories(() => state.directory, now, options.directoryPageSize);
  let plan = new FaultPlan({});
  let emptyPageShifts = /* @__PURE__ */ new Map();
  let closed = false;
  const setFaults = (faults) => {
    const checked = faultsSchema.safeParse(faults);
    if (!checked.success) throw new TypeError(`Invalid sandbox faults: ${checked.error.message}`);
    plan = new FaultPlan(faults);
    emptyPageShifts = /* @__PURE__ */ new Map();
  };
  const reset = () => {
    state = copyOf(initial);
    setFaults({});
    requests.length = 0;
    auth.resetCount();
  };
  if (options.faults) setFaults(options.faults);
  const delay = (ms) => new Promise((resolve) => {
    const timer = setTimeout(() => {
      pendingTimers.delete(timer);
      resolve();
    }, ms);
    pendingTimers.add(timer);
  });
  function route(req, path, query, body, faults) {
    const method = req.method ?? "GET";
    if (path === "/connect/token") {
      return method === "POST" ? auth.tokenRequest(req.headers, body) : { status: 405, body: { error: "invalid_request" } };
    }
    if (SandboxDirectories.handles(path)) {
      const origin = `http://${req.headers.host ?? "localhost"}`;
      return directories.answer({ method, path, query, headers: req.headers, body, origin });
    }
    if (!path.startsWith("/settings/v2/")) return problem(404, `No such resource: ${path}`);
    const refusal = auth.check(req.headers);
    if (refusal) return refusal;
    const match = API_PREFIX.exec(path);
    const tenant = match?.[1] ?? "";
    const rateLimit = plan.faults.rateLimitPerSecond;
    if (rateLimit !== void 0 && !limiter.admit(tenant, rateLimit)) return rateLimited(1);
    if (!match || tenant !== String(state.tenant)) {
      return problem(404, `Tenant ${tenant || "(none)"} not found or not connected to this application`);
    }
    let parsed = void 0;
    if (body.trim() !== "") {
      try {
        parsed = JSON.parse(body);
      } catch {
        return problem(400, "One or more validation errors occurred.", {
          body: ["The request body is not valid JSON."]
        });
      }
    }
    const ctx = {
      state,
      maxPageSize: options.maxPageSize ?? 500,
      exportPageSize: options.exportPageSize ?? 200,
      now,
      faults,
      emptyPageShifts
    };
    try {
      return handleApi(ctx, {
        method,
        segments: (match[2] ?? "").split("/").filter(Boolean),
        query,
        body: parsed
      });
    } catch (error) {
      if (error instanceof AnswerError) return error.answer;
      throw error;
    }
  }
  async function handleControl(req, res, path, body) {
    const send = (status, value) => write(res, { status, body: value });
    const method = req.method ?? "GET";
    if (method === "GET" && path === "/__sandbox/state") return send(200, state);
    if (method === "GET" && path === "/__sandbox/requests") return send(200, requests);
    if (method === "POST" && path === "/__sandbox/reset") {
      reset();
      return send(200, { ok: true });
    }
    if (method === "POST" && path === "/__sandbox/faults") {
      let value;
      try {
        value = body.trim() === "" ? {} : JSON.parse(body);
      } catch {
        return send(400, { error: "The faults body is not valid JSON." });
      }
      const parsed = faultsSchema.safeParse(value);
      if (!parsed.success)
        return send(400, {
          error: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")
        });
      setFaults(parsed.data);
      return send(200, { ok: true, faults: parsed.data });
    }
    if (method === "POST" && path === "/__sandbox/permissions") {
      const answer = changePermission(state, body, now());
      return send(answer.status, answer.body);
    }
    return send(404, { error: `No control endpoint ${method} ${path}` });
  }
  async function handle(req, res) {
    const url2 = new URL(req.url ?? "/", "http://sandbox.invalid");
    const path = url2.pathname;
    const query = Object.fromEntries(url2.searchParams);
    const body = await readBody(req);
    if (path.startsWith("/__sandbox/")) return handleControl(req, res, path, body);
    const method = req.method ?? "GET";
    const entry = { method, path, query, status: 0, at: now().getTime() };
    requests.push(entry);
    const apiPath = API_PREFIX.exec(path);
    const requestClass = apiPath ? classify(method, (apiPath[2] ?? "").split("/").filter(Boolean)) : "other";
    const faults = plan.evaluate(method, path, requestClass);
    if (plan.faults.latencyMs) await delay(plan.faults.latencyMs);
    const transport = faults.transport;
    if (transport?.kind === "reset") {
      req.socket.destroy();
      return;
    }
    if (transport?.kind === "slow") await delay(transport.delayMs ?? 6e4);
    if (closed) return;
    const answer = (transport && injectedAnswer(transport)) ?? route(req, path, query, body, faults);
    entry.status = answer.status;
    if (transport?.kind === "reset-after-write") {
      req.socket.destroy();
      return;
    }
    const mangle = transport?.kind === "truncated-json" || transport?.kind === "invalid-json" ? transport.kind : void 0;
    write(res, answer, mangle);
  }
  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      if (!res.headersSent) write(res, problem(500, `Sandbox failure: ${error.message}`));
    });
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address();
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  return {
    url,
    authUrl: `${url}/connect/token`,
    tenant: String(initial.tenant),
    credentials,
    identity: sandboxIdentity(url, initial),
    get state() {
      return state;
    },
    requests,
    get tokensIssued() {
      return auth.issued;
    },
    setFaults,
    reset,
    close: async () => {
      closed = true;
      for (const timer of pendingTimers) clearTimeout(timer);
      pendingTimers.clear();
      const done = new Promise((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await done;
    }
  };
}
function sandboxIdentity(url, data) {
  const admin = data.directory?.google.users.find((u) => u.isAdmin && !u.suspended && !u.archived);
  const secrets = SANDBOX_DIRECTORY_CREDENTIALS;
  return {
    credentials: {
      entraClientId: secrets.entraClientId,
      entraClientSecret: secrets.entraClientSecret,
      // the key is made on first use: a run without a Google source never pays for it
      get googleCredentials() {
        return secrets.googleCredentials;
      },
      googleSubject: admin?.primaryEmail ?? null,
      entraAuthorityUrl: `${url}/entra/login`,
      graphUrl: `${url}/entra/graph`,
      googleTokenUrl: `${url}/google/token`,
      googleApiUrl: `${url}/google`
    },
    entraTenantId: data.directory?.entra.tenantId ?? null,
    googleCustomer: data.directory?.google.customerId ?? null
  };
}

// src/sandbox/generate.ts
var FIRST2 = "Ana Ben Cara Dev Eli Faye Gus Hana Ian Jo Kai Lea Max Nia Oli Pia Raj Sue Tom Vic Wyn Yan Zed Amy Bo Cy Di Ed".split(
  " "
);
var LAST2 = "Avery Blake Cole Drake Eaton Frost Gale Hart Ives Judd Knox Lane Moss Nash Orr Pike Quill Rowe Snow Tate Vale Wolfe York Zell".split(
  " "
);
var UNITS = Object.values(BUSINESS_UNIT_IDS).filter((id) => id !== BUSINESS_UNIT_IDS.solar);
var EPOCH = Date.UTC(2018, 0, 1);

export {
  loadTenantData,
  startSandbox
};
