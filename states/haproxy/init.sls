# The load balancer: haproxy under this host's supervisord, with the app servers of pillar
# haproxy:servers (orch/deploy-environment passes the ones it found by grains); haproxy
# restarts when its config changed, unless haproxy -c refuses the new config.
{%- from 'haproxy/map.jinja' import haproxy with context %}
{%- from 'supervisord/map.jinja' import supervisor with context %}

include:
  - supervisord

haproxy-config:
  file.managed:
    - name: {{ haproxy.config }}
    - source: salt://haproxy/haproxy.cfg.jinja
    - template: jinja
    - makedirs: True

haproxy-config-valid:
  cmd.run:
    - name: haproxy -c -q -f {{ haproxy.config }}
    - onchanges:
      - file: haproxy-config

haproxy-program:
  file.managed:
    - name: {{ supervisor.confd }}/haproxy.conf
    - source: salt://supervisord/program.conf.jinja
    - template: jinja
    - context:
        program: haproxy
        command: haproxy -db -f {{ haproxy.config }}
        directory: {{ haproxy.dir }}
        logs: {{ supervisor.logs }}
    - require:
      - cmd: supervisord-daemon

haproxy:
  supervisord.running:
    - conf_file: {{ supervisor.conf }}
    - update: True
    - require:
      - file: haproxy-program
      - cmd: haproxy-config-valid
    - watch:
      - file: haproxy-config
