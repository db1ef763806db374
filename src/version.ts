/** The tool's version, reported in every report and SARIF log. Kept in step with package.json. */
export const TOOL_VERSION = '1.0.0';
