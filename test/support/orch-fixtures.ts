// Orchestration SLS text more than one end-to-end test runs.

/** A step that fails on web1 (exit 3) and a step that requires it, so never runs. */
export const FAILING_STEP_ORCH = `
fails:
  salt.function:
    - name: cmd.run
    - tgt: web1
    - arg: ['exit 3']

after-failure:
  salt.function:
    - name: test.ping
    - tgt: web1
    - require:
      - salt: fails
`;
