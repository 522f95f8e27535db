# Builds the Morse environment from nothing (or brings it back in line):
#   salt-ts-run orchestrate deploy-environment pillarenv=prod [pillar='{"morse": {"repo": URL, "rev": REV}}']
# The app servers get the app at morse:rev and start it, each must pass /health; then the
# load balancers get an haproxy config listing the app servers found by grains; at the end
# every app server must be in service and /health must answer through each load balancer.
{%- from 'orch/servers.jinja' import morse, app_ids, lb_ids, servers, lbs with context %}

{%- if not app_ids or not lb_ids %}

find-servers:
  test.fail_without_changes:
    - name: 'no app servers (grain roles: app) or no load balancer (grain roles: lb) among the accepted minions'
{%- else %}

app-servers:
  salt.state:
    - tgt: {{ app_ids | join(',') }}
    - tgt_type: list
    - timeout: {{ morse['step_timeout'] }}
    - sls: morse
    - pillar: {{ {'morse': {'repo': morse['repo'], 'rev': morse['rev']}} | json }}

app-health:
  salt.state:
    - tgt: {{ app_ids | join(',') }}
    - tgt_type: list
    - timeout: {{ morse['step_timeout'] }}
    - sls: morse.health
    - require:
      - salt: app-servers

load-balancers:
  salt.state:
    - tgt: {{ lb_ids | join(',') }}
    - tgt_type: list
    - timeout: {{ morse['step_timeout'] }}
    - sls: haproxy
    - pillar: {{ {'haproxy': {'servers': servers}} | json }}
    - require:
      - salt: app-health
{%- for lb in lb_ids %}
{%-   for id in app_ids %}

in-service-{{ id }}-on-{{ lb }}:
  salt.function:
    - name: haproxy.wait_state
    - tgt: {{ lb }}
    - timeout: {{ morse['step_timeout'] }}
    - kwarg: {{ {'backend': pillar['haproxy']['backend'], 'server': id, 'value': 'up', 'timeout': 30, 'socket': lbs[lb]['admin']} | json }}
    - require:
      - salt: load-balancers
{%-   endfor %}

health-through-{{ lb }}:
  salt.state:
    - tgt: {{ lb }}
    - timeout: {{ morse['step_timeout'] }}
    - sls: haproxy.health
    - require:
{%-   for id in app_ids %}
      - salt: in-service-{{ id }}-on-{{ lb }}
{%-   endfor %}
{%- endfor %}
{%- endif %}
