{% from 'motd/map.jinja' import motd with context %}
# The login banner, rendered from a template with this host's grains.
motd:
  file.managed:
    - name: {{ motd.path }}
    - source: salt://motd/motd.jinja
    - template: jinja
    - makedirs: True
    - mode: 644
    - context:
        roles: {{ motd.roles | tojson }}
        contact: {{ motd.contact }}
