# The Morse app in prod. Every app server (grain roles: app) runs it, the load balancer
# (grain roles: lb) spreads requests over them. A host's grains srv_root, morse_port,
# lb_port and lb_admin_port override the paths and ports below (several hosts on one machine).
morse:
  repo: https://git.example.com/morse.git   # or a local path / file:// URL
  rev: main                                  # what deploy-environment checks out
  home: /srv/morse
  bind: 127.0.0.1
  port: 8000
  health_match: '"status":"ok"'
  health_wait: 30                            # seconds a server has to pass /health
  step_timeout: 300                          # seconds an orchestration step waits for its minions
  batch: 1                                   # app servers released at a time

haproxy:
  dir: /srv/haproxy
  bind: 127.0.0.1
  port: 80
  admin_port: 9999
  backend: morse
  drain_wait: 60                             # seconds to wait for a drained server's sessions to end

supervisord:
  dir: /srv/supervisord
