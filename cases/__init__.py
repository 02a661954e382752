"""The base of the domain: the shared vocabulary (`vocabulary.ServiceKind`) and the one
table of legal references (`legal`), people, families, the services catalogue, the case,
consent, the timeline (journal), the case workflow, roles, the access log and the
visibility scope.

May import only core. The apps above add to it by registering at start-up (their
AppConfig.ready): role permissions (`roles.extend_role_permissions`), who else may see a
case (`scoping.register_visibility`), and the case page's tabs and actions (`tabs`).
"""
