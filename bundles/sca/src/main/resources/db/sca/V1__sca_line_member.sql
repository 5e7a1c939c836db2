-- Who may watch and seize a shared line: each row one member (user@domain of a subscriber) of one line
-- (user@domain of the line). SUBSCRIBEs for call-info and line-seize of a line are authorized by this table.
CREATE TABLE sca_line_member (
    line VARCHAR(255) NOT NULL,
    member VARCHAR(255) NOT NULL,
    PRIMARY KEY (line, member)
);
