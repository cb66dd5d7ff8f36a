/**
 * `lattice check --help`: apart from check.ts, so that the other commands (and `lattice --help`)
 * start without loading what check validates with (the config, blueprint and schema modules).
 */
export const CHECK_USAGE = `Usage: lattice check [--config FILE] [--blueprints DIR] [--catalog DIR] [--actions DIR] [--scorecards DIR] [--automations DIR] [--json]
       lattice check PATH... [--catalog DIR] [--actions DIR] [--scorecards DIR] [--automations DIR] [--json]

Validates everything the gateway would load, without serving or calling any upstream: blueprints
(meta-schema, relations, mirror/calculation/aggregation properties, generated GraphQL names),
actions, scorecards, automations, catalog entity files, and each source's resources (mappings
compiled, blueprints known).
Every problem is printed as  file:line:column: error CODE at /json/pointer: message

  --config FILE      lattice.yaml to check (default: LATTICE_CONFIG, else ./lattice.yaml when present)
  --blueprints DIR   the blueprints folder (default: the configuration's, else schema/blueprints)
  --catalog DIR      the catalog folder (default: the configuration's, else catalog)
  --actions DIR      the actions folder (default: the configuration's, else schema/actions)
  --scorecards DIR   the scorecards folder (default: the configuration's, else schema/scorecards)
  --automations DIR  the automations folder (default: the configuration's, else schema/automations)
  PATH...            blueprint files or folders to check alone; lattice.yaml is not read
  --json             one JSON report on stdout: { ok, errors, warnings, counts, skipped }

Exit codes: 0 valid (warnings allowed); 1 invalid; 2 usage error (bad flag, a named path that does not exist).`;
