# The Morse app stopped under this host's supervisord (orch/release, once the load
# balancer has drained it).
{%- from 'supervisord/map.jinja' import supervisor with context %}

morse-stopped:
  supervisord.dead:
    - name: morse
    - conf_file: {{ supervisor.conf }}
