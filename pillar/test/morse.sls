# The Morse app in the test environment: its own ports and folders (it can share hosts
# with prod), the test branch, shorter waits and two servers released at a time.
morse:
  repo: https://git.example.com/morse.git   # or a local path / file:// URL
  rev: test
  home: /srv/morse-test
  bind: 127.0.0.1
  port: 8100
  health_match: '"status":"ok"'
  health_wait: 15
  step_timeout: 300                          # seconds an orchestration step waits for its minions
  batch: 2

haproxy:
  dir: /srv/haproxy-test
  bind: 127.0.0.1
  port: 8180
  admin_port: 9998
  backend: morse
  drain_wait: 20

supervisord:
  dir: /srv/supervisord-test
