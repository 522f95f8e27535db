motd:
  contact: ops@example.com
