"""The publisher's standing pages: publishing principles, corrections and fact-checking policies, ...

Editors keep them in the admin. Readers reach them from the footer, and the structured data of every
article points at them (publishingPrinciples, correctionsPolicy, verificationFactCheckingPolicy).
"""
