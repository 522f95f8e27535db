# A supervisord of this host's own (config, socket and logs under supervisord/map.jinja's
# folder), started if it is not answering. A program adds its file to conf.d and runs
# under supervisord.running with conf_file set to supervisor.conf from map.jinja.
{%- from 'supervisord/map.jinja' import supervisor with context %}

supervisord-folders:
  file.directory:
    - names:
      - {{ supervisor.confd }}
      - {{ supervisor.logs }}
    - makedirs: True

supervisord-config:
  file.managed:
    - name: {{ supervisor.conf }}
    - source: salt://supervisord/supervisord.conf.jinja
    - template: jinja
    - require:
      - file: supervisord-folders

# supervisord answers on its socket before it detaches, so the states after this one find it up.
supervisord-daemon:
  cmd.run:
    - name: supervisord -c {{ supervisor.conf }}
    - unless: supervisorctl -c {{ supervisor.conf }} pid
    - require:
      - file: supervisord-config
