# The Morse app on an app server: the checkout at pillar morse:rev, its dependencies and
# build, and the program under this host's supervisord (started, or restarted when the
# build changed). Used by orch/deploy-environment and orch/release (which passes the rev).
{%- from 'morse/map.jinja' import morse with context %}
{%- from 'supervisord/map.jinja' import supervisor with context %}

include:
  - supervisord

morse-home:
  file.directory:
    - name: {{ morse.home }}
    - makedirs: True

morse-source:
  git.latest:
    - name: {{ morse.repo }}
    - target: {{ morse.app }}
    - rev: '{{ morse.rev }}'  # quoted: a commit id may look like a number to YAML
    # A rollback moves the checkout back: not a fast-forward.
    - force_reset: True
    - require:
      - file: morse-home

morse-dependencies:
  npm.bootstrap:
    - name: {{ morse.app }}
    - require:
      - git: morse-source

# The build records the checked-out commit; it runs again whenever the checkout moved.
morse-build:
  cmd.run:
    - name: npm run build
    - cwd: {{ morse.app }}
    - unless: grep -qs "$(git -C {{ morse.app }} rev-parse HEAD)" {{ morse.app }}/build/release.json
    - require:
      - npm: morse-dependencies

morse-program:
  file.managed:
    - name: {{ supervisor.confd }}/morse.conf
    - source: salt://supervisord/program.conf.jinja
    - template: jinja
    - context:
        program: morse
        command: node server.js --host {{ morse.bind }} --port {{ morse.port }}
        directory: {{ morse.app }}
        logs: {{ supervisor.logs }}
    - require:
      - cmd: supervisord-daemon

morse:
  supervisord.running:
    - conf_file: {{ supervisor.conf }}
    - update: True
    - require:
      - file: morse-program
    - watch:
      - cmd: morse-build
