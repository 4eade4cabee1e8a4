"""aiosmtpd handler for the email tests: delivers each recipient's copy into <root>/<recipient>/ (a Maildir that
dovecot serves as that user's INBOX), and answers chosen recipients as a real server would refuse them:
  reject*@...  550 on RCPT (permanent)
  later*@...   451 on RCPT for the first two attempts, then accepted (temporary)
Run: python3 -m aiosmtpd -n -l 127.0.0.1:PORT -c smtp_handler.Handler ROOT
"""
import mailbox
import os
import pwd


class Handler:
    def __init__(self, root):
        self.root = root
        self.tries = {}
        owner = pwd.getpwnam("dovecot")
        self.uid, self.gid = owner.pw_uid, owner.pw_gid

    @classmethod
    def from_cli(cls, parser, *args):
        if len(args) != 1:
            parser.error("the mail root directory is required")
        return cls(args[0])

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@", 1)[0].lower()
        if local.startswith("reject"):
            return "550 5.1.1 <%s>: Recipient address rejected: User unknown" % address
        if local.startswith("later"):
            n = self.tries.get(address, 0) + 1
            self.tries[address] = n
            if n <= 2:
                return "451 4.3.0 <%s>: Temporary lookup failure, try again later" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        for rcpt in envelope.rcpt_tos:
            path = os.path.join(self.root, rcpt.lower())
            box = mailbox.Maildir(path, create=True)
            key = box.add(envelope.original_content)
            for folder in ("", "cur", "new", "tmp"):
                os.chown(os.path.join(path, folder), self.uid, self.gid)
            os.chown(os.path.join(path, "new", key), self.uid, self.gid)
        return "250 2.0.0 Message accepted for delivery"
