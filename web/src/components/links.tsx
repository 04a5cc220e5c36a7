import {
  Anchor,
  type AnchorProps,
  Button,
  type ButtonProps,
  NavLink,
  type NavLinkProps,
} from '@mantine/core';
import { createLink } from '@tanstack/react-router';
import { forwardRef } from 'react';

// Mantine components as router links: typed routes, params and search, and real <a href>s.

const AnchorA = forwardRef<HTMLAnchorElement, AnchorProps & React.ComponentPropsWithoutRef<'a'>>(
  (props, ref) => <Anchor ref={ref} component="a" {...props} />,
);
const ButtonA = forwardRef<HTMLAnchorElement, ButtonProps & React.ComponentPropsWithoutRef<'a'>>(
  (props, ref) => <Button ref={ref} component="a" {...props} />,
);
const NavLinkA = forwardRef<HTMLAnchorElement, NavLinkProps & React.ComponentPropsWithoutRef<'a'>>(
  (props, ref) => <NavLink ref={ref} component="a" {...props} />,
);

export const AnchorLink = createLink(AnchorA);
export const ButtonLink = createLink(ButtonA);
export const NavLinkLink = createLink(NavLinkA);
