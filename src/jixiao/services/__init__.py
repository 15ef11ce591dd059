"""The service layer: the one place where saving, reviewing, scoring, versions, deletion,
publication, accounts and the audit log are orchestrated. The command line, the web app and
the loader call these functions; the store stays a repository (:class:`~jixiao.store.Store`)
that they are handed. Every change is written with its audit record in one transaction.
"""
